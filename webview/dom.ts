/**
 * Building DOM without HTML strings: every text goes in through `textContent` (or a text node),
 * so no value from a table or an item is ever parsed as HTML.
 */
export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly id?: string;
  readonly title?: string;
  readonly role?: string;
  readonly tabIndex?: number;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly dataset?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) { e.className = props.class; }
  if (props.id) { e.id = props.id; }
  if (props.title) { e.title = props.title; }
  if (props.role) { e.setAttribute('role', props.role); }
  if (props.tabIndex !== undefined) { e.tabIndex = props.tabIndex; }
  for (const [name, value] of Object.entries(props.attrs ?? {})) { e.setAttribute(name, value); }
  for (const [name, value] of Object.entries(props.dataset ?? {})) { e.dataset[name] = value; }
  append(e, ...children);
  return e;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) { continue; }
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Adopts the bundle's CSS as a constructed stylesheet (allowed by the CSP: no inline <style>). */
export function adoptStyles(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** A definition list row: term and description. */
export function field(term: string, ...description: Child[]): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, ...description)];
}


export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
