/**
 * The item pane: the open item beside the grid (or under it when the panel is narrow or the grid
 * wide), as plain JSON and DynamoDB JSON, with Edit, Copy and Close.
 */
import type { JsonItem } from '../../src/model/items';
import type { ItemView } from '../protocol';
import { el, replace } from '../dom';
import { button, tabs } from '../toolkit';
import type { Host } from '../rpc';
import { errorInfo } from '../rpc';
import type { MessageArea } from '../ui';
import type { ItemsState } from './state';
import { selectedKey } from './state';

/** Below this width (CSS pixels) the grid and the item pane do not fit side by side. */
const NARROW_RESULTS = 680;

/** What the pane asks of the rest of the browser. */
export interface PaneEvents {
  /** The pane opened or closed: save the state. */
  changed(): void;
  /** Give the focus to the grid (the pane closed while it had it). */
  focusGrid(): void;
  /** Edit this item in an editor. */
  edit(key: JsonItem): void;
}

export class ItemPane {
  readonly element = el('section', { class: 'item-view hidden', id: 'item-view', attrs: { 'aria-label': 'Item' } });

  /** `results` holds the grid's `gridWrap` and this pane. */
  constructor(
    private readonly state: ItemsState,
    private readonly host: Host,
    private readonly messages: MessageArea,
    private readonly results: HTMLElement,
    private readonly gridWrap: HTMLElement,
    private readonly events: PaneEvents,
  ) {}

  /** Opens the selected row's item. */
  async openSelected(): Promise<void> {
    const key = selectedKey(this.state);
    if (!key) { return; }
    this.messages.clear();
    try {
      this.render(await this.host.request('items.open', { key }), key);
    } catch (error) {
      this.messages.error(errorInfo(error), 'Open item');
    }
  }

  close(): void {
    // Closing from inside the pane (its Close button, Escape) gives the focus back to the grid's row.
    const hadFocus = this.element.contains(document.activeElement);
    this.state.openKey = undefined;
    this.element.classList.add('hidden');
    this.results.classList.remove('with-item', 'pane-below');
    replace(this.element);
    this.events.changed();
    if (hadFocus) { this.events.focusGrid(); }
  }

  private render(view: ItemView, key: JsonItem): void {
    this.state.openKey = key;
    const plain = el('div', {}, view.plainNotes.length ? el('ul', { class: 'note plain-notes' }, ...view.plainNotes.map(n => el('li', {}, n))) : null, el('pre', { id: 'plain-json' }, view.plainJson));
    const dynamo = el('div', {}, el('pre', { id: 'dynamo-json' }, view.dynamoJson));
    const views = tabs([{ label: 'JSON', id: 'plain', content: plain }, { label: 'DynamoDB JSON', id: 'dynamo', content: dynamo }]);
    const copy = (): void => {
      const text = (views as HTMLElement & { activeid?: string }).activeid === 'tab-dynamo' ? view.dynamoJson : view.plainJson;
      void this.host.request('copy', { text }).then(() => this.messages.notice('Item copied.'), error => this.messages.error(errorInfo(error), 'Copy'));
    };
    replace(this.element,
      el('div', { class: 'item-head' },
        el('h3', { id: 'item-key', title: view.keyText }, view.keyText),
        el('div', { class: 'actions' },
          button('Edit', () => { this.events.edit(key); }, { id: 'item-edit', title: 'Edit in an editor' }),
          button('Copy', copy, { id: 'item-copy', title: 'Copy the JSON shown' }),
          button('Close', () => this.close(), { id: 'close-item', title: 'Close the item (Escape)' }))),
      view.note ? el('p', { class: 'note', id: 'item-note' }, view.note) : null,
      views);
    this.element.classList.remove('hidden');
    this.results.classList.add('with-item');
    this.place();
    this.events.changed();
  }

  /**
   * The item pane sits beside the grid, unless the panel is too narrow for both (then always under
   * it), or the grid would need horizontal scrolling beside it and there is height to spare: then
   * it goes under the grid too (a wide table keeps its columns in view).
   */
  place(): void {
    const { results, gridWrap } = this;
    results.classList.remove('pane-below');
    if (!this.state.openKey) { return; }
    const narrow = results.clientWidth < NARROW_RESULTS;
    const overflows = gridWrap.scrollWidth > gridWrap.clientWidth + 1;
    results.classList.toggle('pane-below', narrow || (overflows && results.clientHeight >= 480));
  }
}
