/**
 * The ONLY module that imports @vscode/webview-ui-toolkit (unmaintained upstream): the rest of the
 * webview asks this module for controls and reads them through the small `Control` shape, so the
 * toolkit can be swapped for another library (or plain elements) here alone.
 */
import {
  provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDivider,
  vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeProgressRing, vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the custom elements used by the panels (once). */
export function registerToolkit(): void {
  if (registered) { return; }
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(), vsCodeTextField(), vsCodeProgressRing(), vsCodeDivider(),
    vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeCheckbox(),
  );
}

/** An input-like control: its value is text. */
export interface Control extends HTMLElement {
  value: string;
  disabled: boolean;
}

export interface ButtonOptions {
  readonly appearance?: 'primary' | 'secondary' | 'icon';
  readonly title?: string;
  readonly id?: string;
}

export function button(label: string, onClick: () => void, options: ButtonOptions = {}): HTMLElement & { disabled: boolean } {
  const b = document.createElement('vscode-button') as HTMLElement & { disabled: boolean; appearance: string };
  b.textContent = label;
  b.appearance = options.appearance ?? 'secondary';
  if (options.title) { b.title = options.title; b.setAttribute('aria-label', options.title); }
  if (options.id) { b.id = options.id; }
  b.addEventListener('click', () => { if (!b.disabled) { onClick(); } });
  return b;
}

export function textField(label: string, value: string, options: { id?: string; placeholder?: string; size?: number; onEnter?: () => void } = {}): Control {
  const f = document.createElement('vscode-text-field') as Control & { placeholder: string; size: number };
  f.textContent = label;
  f.value = value;
  if (options.id) { f.id = options.id; }
  if (options.placeholder) { f.placeholder = options.placeholder; }
  if (options.size) { f.size = options.size; }
  const onEnter = options.onEnter;
  // A modified Enter is left to the workbench: Ctrl+Enter is Run Item Query's keybinding.
  if (onEnter) { f.addEventListener('keydown', e => { const k = e as KeyboardEvent; if (k.key === 'Enter' && !k.ctrlKey && !k.metaKey && !k.altKey) { onEnter(); } }); }
  return f;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/**
 * A dropdown; `onChange` gets the chosen value. The label is placed before it by the caller.
 *
 * A native `<select>` styled with VS Code's dropdown colours, not the toolkit's vscode-dropdown:
 * that one dropped the focus to the page body on ArrowDown/Enter and let Shift+Tab leave the
 * panel; a native control has the platform's keyboard behaviour and accessible name.
 */
export function dropdown(choices: readonly Choice[], value: string, onChange: (value: string) => void, options: { id?: string; title?: string } = {}): Control {
  const d = document.createElement('select');
  d.className = 'dropdown';
  if (options.id) { d.id = options.id; }
  if (options.title) { d.title = options.title; d.setAttribute('aria-label', options.title); }
  for (const choice of choices) {
    const o = document.createElement('option');
    o.value = choice.value;
    o.textContent = choice.label;
    d.append(o);
  }
  d.value = value;
  d.addEventListener('change', () => onChange(d.value));
  return d;
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void, id?: string): HTMLElement & { checked: boolean } {
  const c = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  c.textContent = label;
  c.checked = checked;
  if (id) { c.id = id; }
  c.addEventListener('change', () => onChange(c.checked));
  return c;
}

/**
 * A spinner. Decorative: the text beside it (in a role=status element) says what is going on;
 * the toolkit gives the ring role=alert with aria-live=assertive, which would make a screen
 * reader interrupt for every page read.
 */
export function progressRing(): HTMLElement {
  const r = document.createElement('vscode-progress-ring');
  r.setAttribute('aria-hidden', 'true');
  return r;
}

/**
 * A badge. Not the toolkit's vscode-badge: its template binds a `style` attribute, which the
 * strict CSP (no 'unsafe-inline' styles) refuses; a span styled with the theme's badge colours.
 */
export function badge(text: string, title?: string): HTMLElement {
  const b = document.createElement('span');
  b.className = 'badge';
  b.textContent = text;
  if (title) { b.title = title; }
  return b;
}

export function divider(): HTMLElement {
  return document.createElement('vscode-divider');
}

/** Tabs: one tab per entry, each with its content. */
export function tabs(entries: readonly { readonly label: string; readonly id: string; readonly content: HTMLElement }[]): HTMLElement {
  const p = document.createElement('vscode-panels');
  for (const entry of entries) {
    const tab = document.createElement('vscode-panel-tab');
    tab.id = `tab-${entry.id}`;
    tab.textContent = entry.label;
    p.append(tab);
  }
  for (const entry of entries) {
    const view = document.createElement('vscode-panel-view');
    view.id = `view-${entry.id}`;
    view.append(entry.content);
    p.append(view);
  }
  return p;
}
