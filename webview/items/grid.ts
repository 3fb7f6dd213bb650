/**
 * The item browser's grid: one page of items as rows of readable values with their types, the
 * page's figures, and the selection. The grid is one Tab stop (roving tabindex): arrows,
 * Home/End and PageUp/PageDown move, Enter opens the item, Escape closes it. Every value is put
 * in the page as text (textContent), never parsed as HTML.
 */
import type { JsonItem } from '../../src/model/items';
import type { ItemRow, PageView } from '../protocol';
import { el, formatCount, replace } from '../dom';
import type { ItemsState } from './state';
import { sameKey, selectedKey } from './state';

/** What the grid asks of the rest of the browser. */
export interface GridEvents {
  /** The page or the selection changed: update the buttons and save the state. */
  changed(): void;
  /** Open the selected row's item in the pane. */
  openSelected(): void;
  /** The page shown no longer holds the open item: close the pane. */
  closeItem(): void;
  /** The page changed with the pane open: place it again (beside or under the grid). */
  placeItemPane(): void;
}

/** The one type of every value of a column (undefined when they differ or there are none). */
function columnTypes(view: PageView): (string | undefined)[] {
  return view.columns.map((_, c) => {
    let type: string | undefined;
    for (const row of view.rows) {
      const cell = row.cells[c];
      if (!cell) { continue; }
      if (type === undefined) { type = cell.type; } else if (type !== cell.type) { return undefined; }
    }
    return type;
  });
}

function emptyText(view: PageView): string {
  const q = view.query;
  if (view.hasNext) { return 'No item on this page passed the filters; Next reads on.'; }
  if (view.pageNumber > 1) { return 'No more items.'; }
  if (q.filters.length) { return 'No items match the filters.'; }
  if (q.mode === 'query') { return 'No items match this query.'; }
  if (q.mode === 'partiql') { return 'No items match this statement.'; }
  return q.index ? `The index ${q.index} holds no items.` : 'This table holds no items. Create item writes one.';
}

/** A performance mark once the page's rows are painted (read by `npm run bench`). */
function markPainted(rows: number): void {
  requestAnimationFrame(() => setTimeout(() => performance.mark('items:page-painted', { detail: { rows } }), 0));
}

export class ItemGrid {
  readonly table = el('table', { class: 'grid', id: 'grid', role: 'grid', attrs: { 'aria-label': 'Items', 'aria-readonly': 'true' } });
  readonly wrap = el('div', { class: 'grid-wrap' }, this.table);
  readonly stats = el('div', { class: 'stats', id: 'stats', role: 'status' });
  readonly pageLabel = el('span', { id: 'page-number', class: 'page-number' });

  constructor(private readonly state: ItemsState, private readonly events: GridEvents) {}

  /** Focuses the grid's current row (its one Tab stop). */
  focus(): void {
    this.table.querySelector<HTMLElement>('tbody tr[tabindex="0"]')?.focus();
  }

  show(view: PageView): void {
    const { state, table } = this;
    state.page = view;
    state.lastQuery = view.query;
    state.selected = -1;
    this.pageLabel.textContent = `Page ${view.pageNumber}`;
    replace(this.stats,
      el('span', { id: 'returned' }, `${formatCount(view.count)} ${view.count === 1 ? 'item' : 'items'}`),
      // ExecuteStatement does not say how many items it read.
      view.query.mode === 'partiql' ? null : el('span', { id: 'scanned' }, `${formatCount(view.scannedCount)} scanned`),
      el('span', { id: 'capacity' }, view.consumedCapacity === undefined ? 'capacity not reported' : `${view.consumedCapacity} capacity units`),
      view.requests > 1 ? el('span', {}, `${view.requests} requests`) : null,
      view.stopped ? el('span', { class: 'unknown' }, 'stopped early: Next continues from here') : null,
      !view.hasNext && view.rows.length > 0 ? el('span', { id: 'last-page' }, 'last page') : null,
    );
    const types = columnTypes(view);
    const numeric = types.map(t => t === 'N');
    const head = el('tr', {}, ...view.columns.map((c, i) => el('th', {
      class: [view.keyColumns.includes(c) ? 'key' : '', numeric[i] ? 'num' : ''].join(' ').trim(),
      title: `${c}${types[i] ? ` (${types[i]})` : ''}${view.keyColumns.includes(c) ? ', key attribute' : ''}`,
    }, el('span', { class: 'name' }, c), types[i] ? el('span', { class: 'type' }, types[i]!) : null, view.keyColumns.includes(c) ? el('span', { class: 'key-tag' }, 'key') : null)),
    el('th', { class: 'more', title: 'attributes not shown in a column (open the item to see them)' }, view.rows.some(r => r.hidden > 0) ? '+' : ''));
    const gridHadFocus = table.contains(document.activeElement);
    const body = el('tbody', {}, ...view.rows.map((row, i) => this.rowElement(row, i, types, numeric)));
    replace(table, el('thead', {}, head), body);
    table.setAttribute('aria-rowcount', String(view.rows.length + 1));
    // One Tab stop for the grid: its current row (roving tabindex); the arrows move inside it.
    const firstRow = body.querySelector<HTMLElement>('tr[data-row]');
    if (firstRow) { firstRow.tabIndex = 0; }
    if (gridHadFocus) { firstRow?.focus(); }
    if (view.rows.length === 0) {
      body.append(el('tr', { class: 'empty' }, el('td', { attrs: { colspan: String(view.columns.length + 1) }, class: 'note' }, emptyText(view))));
    }
    const openKey = state.openKey;
    if (openKey && !view.rows.some(r => sameKey(r.key, openKey))) { this.events.closeItem(); } else { this.events.placeItemPane(); }
    this.events.changed();
    markPainted(view.rows.length);
  }

  private rowElement(row: ItemRow, i: number, types: readonly (string | undefined)[], numeric: readonly boolean[]): HTMLElement {
    const tr = el('tr', { tabIndex: -1, dataset: { row: String(i) }, attrs: { 'aria-selected': 'false', 'aria-rowindex': String(i + 2) } },
      ...row.cells.map((cell, c) => {
        if (!cell) { return el('td', { class: 'missing', title: 'no such attribute' }, '—'); }
        const tip = cell.truncated ? `${cell.text} (shortened: open the item to see it all)` : `${cell.type}: ${cell.text}`;
        return el('td', { class: numeric[c] ? 'num' : '', title: tip },
          types[c] === undefined ? el('span', { class: 'type' }, cell.type) : null, el('span', { class: 'value' }, cell.text));
      }),
      el('td', { class: 'hidden-count', title: row.hidden ? `${row.hidden} more attributes` : '' }, row.hidden ? `+${row.hidden}` : ''));
    // A double-click opens the item; it must not also select the cell's text.
    tr.addEventListener('mousedown', e => { if (e.detail > 1) { e.preventDefault(); } });
    tr.addEventListener('click', () => this.select(i));
    tr.addEventListener('dblclick', () => { this.select(i); this.events.openSelected(); });
    tr.addEventListener('keydown', e => { this.key(e, i); });
    tr.addEventListener('focus', () => this.select(i));
    return tr;
  }

  /** Rows a PageUp/PageDown moves: what the grid's area shows, less one. */
  private rowsPerPage(): number {
    const row = this.table.querySelector<HTMLElement>('tbody tr');
    const height = row?.getBoundingClientRect().height || 24;
    return Math.max(1, Math.floor(this.wrap.clientHeight / height) - 2);
  }

  /** The grid's keys (ARIA grid pattern): arrows, Home/End, PageUp/PageDown move; Enter opens; Escape closes the item. */
  private key(e: KeyboardEvent, i: number): void {
    const count = this.state.page?.rows.length ?? 0;
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: count - 1, PageDown: i + this.rowsPerPage(), PageUp: i - this.rowsPerPage() };
    if (e.key in moves && !e.altKey && !e.metaKey) {
      e.preventDefault();
      const to = Math.max(0, Math.min(count - 1, moves[e.key]!));
      this.table.querySelector<HTMLElement>(`tbody tr[data-row="${to}"]`)?.focus();
      return;
    }
    if (e.key === 'Enter') { e.preventDefault(); this.select(i); this.events.openSelected(); }
    if (e.key === 'Escape') { this.events.closeItem(); }
  }

  select(i: number): void {
    const { state } = this;
    if (state.selected === i) { return; }
    state.selected = i;
    for (const tr of this.table.querySelectorAll<HTMLElement>('tbody tr[data-row]')) {
      const on = tr.dataset.row === String(i);
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', String(on));
      tr.tabIndex = on ? 0 : -1;
    }
    this.events.changed();
    // With the item pane open, it follows the selection.
    const row = state.page?.rows[i];
    if (state.openKey && row && !sameKey(row.key, state.openKey)) { this.events.openSelected(); }
  }

  /** Selects the row with this key again (and opens its item) after the page was read again. */
  restoreSelection(key: JsonItem | undefined, open: boolean): void {
    const { page } = this.state;
    if (!key || !page) { return; }
    const i = page.rows.findIndex(r => sameKey(r.key, key));
    if (i < 0) { return; }
    this.select(i);
    if (this.table.contains(document.activeElement)) { this.table.querySelector<HTMLElement>(`tbody tr[data-row="${i}"]`)?.focus(); }
    if (open) { this.events.openSelected(); }
  }

  selectedKey(): JsonItem | undefined {
    return selectedKey(this.state);
  }
}
