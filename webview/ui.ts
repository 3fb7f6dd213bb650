/** UI pieces shared by the panels: error box, notices, busy indicator, page start. */
import type { ErrorInfo } from './protocol';
import { el, replace } from './dom';
import { progressRing, registerToolkit } from './toolkit';
import { adoptStyles } from './dom';
import css from './panel.css';

/** Registers the toolkit and the styles; returns the app root. */
export function start(): HTMLElement {
  registerToolkit();
  adoptStyles(css);
  const app = document.getElementById('app');
  if (!app) { throw new Error('the page has no #app element'); }
  return app;
}

/** An error in words with its code; the panel stays usable (the box is dismissed by the next action). */
export function errorBox(error: ErrorInfo, context?: string): HTMLElement {
  return el('div', { class: 'error', role: 'alert' },
    el('span', { class: 'message' }, context ? `${context}: ${error.message}` : error.message),
    el('span', { class: 'code' }, `(${error.code})`));
}

/** A place for errors and notices under a toolbar. */
export class MessageArea {
  readonly element = el('div', { class: 'messages', attrs: { 'aria-live': 'polite' } });

  error(error: ErrorInfo, context?: string): void { replace(this.element, errorBox(error, context)); }

  notice(text: string): void { replace(this.element, el('div', { class: 'notice', role: 'status' }, text)); }

  clear(): void { replace(this.element); }
}

/** A spinner with a text that can be updated. */
export function busy(text: string): { element: HTMLElement; set(text: string): void } {
  const label = el('span', {}, text);
  const element = el('span', { class: 'busy', role: 'status' }, progressRing(), label);
  return { element, set: (t: string) => { label.textContent = t; } };
}
