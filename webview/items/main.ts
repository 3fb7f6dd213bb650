/**
 * The item browser: Scan or Query on the table or an index, a query builder typed by the key
 * types, AND-ed filters, pages with next/previous, a grid of readable values with their types,
 * an item pane beside the grid (plain JSON and DynamoDB JSON), and the actions the host carries
 * out (edit in an editor, create, duplicate, delete, export).
 *
 * The parts: state.ts (the one state object, handed to the others), form.ts (the query form),
 * grid.ts (the page and the selection), pane.ts (the open item); this file lays them out with
 * the toolbars, reads pages and starts the panel.
 *
 * The view survives the webview being rebuilt: when the panel is shown again the host hands back
 * the page it holds; after a window reload the saved state (query, the page's start keys, the
 * selected row, whether its item was open) brings the same page back.
 *
 * Every value is put in the page as text (textContent), never parsed as HTML.
 */
import type { JsonItem } from '../../src/model/items';
import type { DeleteAllOutcome, ErrorInfo, ExportFormatName, ExportScope, ItemQuery, ItemsInit, PageView } from '../protocol';
import { Host, errorInfo } from '../rpc';
import { el, formatCount, replace } from '../dom';
import { button, dropdown } from '../toolkit';
import { MessageArea, busy, start } from '../ui';
import { QueryForm, formOf } from './form';
import { ItemGrid } from './grid';
import { ItemPane } from './pane';
import type { ItemsState } from './state';
import { initialState, isOpen, panelState, selectedKey } from './state';

/** Controls that belong together wrap together (a narrow panel never separates Open from Edit). */
const group = (label: string, ...controls: HTMLElement[]): HTMLElement => el('span', { class: 'group', role: 'group', attrs: { 'aria-label': label } }, ...controls);

class ItemBrowser {
  private readonly state: ItemsState = initialState();
  private readonly messages = new MessageArea();
  private readonly title = el('h1', {}, el('span', { class: 'placeholder' }, 'Item browser'));
  private readonly subtitle = el('p', { class: 'subtitle' });
  private readonly progress = el('span', { class: 'progress' });
  private readonly results = el('div', { class: 'results', id: 'results' });
  private readonly form: QueryForm;
  private readonly grid: ItemGrid;
  private readonly pane: ItemPane;
  /** What had the focus when a read began (a button disabled while reading loses it). */
  private focusBeforeRead: HTMLElement | undefined;

  private readonly runButton = button('Run', () => { void this.run(); }, { appearance: 'primary', id: 'run', title: 'Read the first page' });
  private readonly stopButton = button('Stop', () => this.host.notify('items.stop', {}), { id: 'stop', title: 'Stop reading: keep what was found so far' });
  private readonly previousButton = button('Previous', () => { void this.previous(); }, { id: 'previous', title: 'Previous page' });
  private readonly nextButton = button('Next', () => { void this.next(); }, { id: 'next', title: 'Next page' });
  private readonly openButton = button('Open', () => { void this.pane.openSelected(); }, { id: 'open', title: 'Show the selected item beside the grid' });
  private readonly editButton = button('Edit', () => { void this.withSelected('items.edit', 'Edit'); }, { id: 'edit', title: 'Edit the selected item in an editor; saving writes it if nobody changed it meanwhile' });
  private readonly duplicateButton = button('Duplicate', () => { void this.withSelected('items.duplicate', 'Duplicate'); }, { id: 'duplicate', title: 'Create a new item from a copy of the selected one' });
  private readonly deleteButton = button('Delete', () => { void this.deleteSelected(); }, { id: 'delete', title: 'Delete the selected item (asks first)' });
  private readonly createButton = button('Create item', () => { void this.simple('items.create', 'Create item'); }, { id: 'create', title: 'Write a new item from a template of the key attributes' });
  private readonly deleteAllButton = button('Delete all matching…', () => { void this.deleteAll(); }, { id: 'delete-all', title: 'Delete every item the current Scan or Query matches (a plan first, then the table name typed back)' });
  private readonly reloadButton = button('Reload', () => { void this.reload(); }, { id: 'reload', title: 'Read the current page again' });
  private readonly exportFormatDropdown = dropdown([{ value: 'jsonl', label: 'JSON Lines' }, { value: 'csv', label: 'CSV' }], 'jsonl', v => { this.state.exportFormat = v as ExportFormatName; }, { id: 'export-format', title: 'Export format' });
  private readonly exportPageButton = button('Export page', () => { void this.exportItems('page'); }, { id: 'export-page', title: 'Write the items of this page to a file' });
  private readonly exportAllButton = button('Export all', () => { void this.exportItems('all'); }, { id: 'export-all', title: 'Export the whole result (read again from the start)' });

  constructor(private readonly app: HTMLElement, private readonly host: Host) {
    this.form = new QueryForm(this.state, () => { void this.run(); });
    this.grid = new ItemGrid(this.state, {
      changed: () => { this.updateButtons(); this.saveState(); },
      openSelected: () => { void this.pane.openSelected(); },
      closeItem: () => this.pane.close(),
      placeItemPane: () => this.pane.place(),
    });
    this.pane = new ItemPane(this.state, host, this.messages, this.results, this.grid.wrap, {
      changed: () => this.saveState(),
      focusGrid: () => this.grid.focus(),
      edit: key => { void this.simple('items.edit', 'Edit', { key }); },
    });
    this.results.append(this.grid.wrap, this.pane.element);
    this.stopButton.classList.add('hidden');
    replace(app,
      el('header', { class: 'header' }, this.title, this.subtitle),
      this.form.element,
      el('div', { class: 'toolbar' }, group('Read', this.runButton, this.stopButton), group('Filters', this.form.addFilterButton, this.form.filtersToggle), this.progress, el('span', { class: 'spacer' }),
        group('Table', this.createButton, this.reloadButton, this.deleteAllButton), group('Export', this.exportFormatDropdown, this.exportPageButton, this.exportAllButton)),
      this.messages.element,
      el('div', { class: 'toolbar pager' }, group('Pages', this.previousButton, this.grid.pageLabel, this.nextButton), this.grid.stats, el('span', { class: 'spacer' }),
        group('Selected item', this.openButton, this.editButton, this.duplicateButton, this.deleteButton)),
      this.results,
    );
    this.listen();
  }

  private saveState(): void {
    const state = panelState(this.state);
    if (state) { this.host.state = state; }
  }

  // -------------------------------------------------------------------------------------------
  // Reading pages

  private setReading(on: boolean, text = 'Reading…'): void {
    if (on && !this.state.reading) { this.focusBeforeRead = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined; }
    this.state.reading = on;
    this.stopButton.classList.toggle('hidden', !on);
    this.runButton.disabled = on;
    if (on) {
      const spinner = busy(text);
      replace(this.progress, spinner.element);
    } else {
      replace(this.progress);
    }
    this.updateButtons();
    if (!on) { this.restoreFocusAfterRead(); }
  }

  /**
   * Gives the focus back after a read: to the control that had it (Run, Next, Previous), or, when
   * that one is gone or now disabled (Next on the last page), to the grid.
   */
  private restoreFocusAfterRead(): void {
    const before = this.focusBeforeRead;
    this.focusBeforeRead = undefined;
    const active = document.activeElement;
    if (!before || (active && active !== document.body)) { return; }
    // A toolkit button enabled again updates its inner button a frame later: focus it then.
    requestAnimationFrame(() => {
      const now = document.activeElement;
      if (now && now !== document.body) { return; }
      if (before.isConnected && !(before as HTMLElement & { disabled?: boolean }).disabled) { before.focus(); } else { this.grid.focus(); }
    });
  }

  private updateButtons(): void {
    const { reading, page, selected } = this.state;
    this.previousButton.disabled = reading || !page?.hasPrevious;
    this.nextButton.disabled = reading || !page?.hasNext;
    this.reloadButton.disabled = reading || !page;
    const none = reading || selected < 0 || !page || !page.rows[selected];
    this.openButton.disabled = none;
    this.editButton.disabled = none;
    this.duplicateButton.disabled = none;
    this.deleteButton.disabled = none;
    this.exportPageButton.disabled = reading || !page || page.rows.length === 0;
    // Export all and Delete all matching read a Scan or Query again; a PartiQL result is exported page by page (or with the CLI).
    this.exportAllButton.disabled = reading || !page || page.query.mode === 'partiql';
    this.deleteAllButton.disabled = reading || !page || page.query.mode === 'partiql';
  }

  /** Reads a page and shows it; false when the read failed (the error is shown). */
  private async read(what: string, call: () => Promise<PageView>): Promise<boolean> {
    if (this.state.reading) { return false; }
    this.messages.clear();
    this.setReading(true);
    try {
      this.grid.show(await call());
      return true;
    } catch (error) {
      this.showError(errorInfo(error), what);
      return false;
    } finally {
      this.setReading(false);
    }
  }

  private showError(error: ErrorInfo, context: string): void {
    this.messages.error(error, context);
  }

  /** `initial`: the panel's own first read on opening (not kept in the query history). */
  private async run(initial = false): Promise<void> {
    let query: ItemQuery;
    try { query = this.form.build(); } catch (error) { this.showError({ code: 'InvalidQuery', message: (error as Error).message }, 'Query'); return; }
    await this.runQuery(query, undefined, initial);
  }

  /** Reads the first page of a query, or with `starts` the page they lead to (restoring). */
  private async runQuery(query: ItemQuery, starts?: readonly (JsonItem | null)[], initial = false): Promise<boolean> {
    if (this.state.reading) { return false; }
    this.state.lastQuery = query;
    this.saveState();
    const what = query.mode === 'query' ? 'Query' : query.mode === 'partiql' ? 'PartiQL statement' : 'Scan';
    return this.read(what, () => this.host.request('items.run', { query, ...(starts && starts.length > 1 ? { starts } : {}), ...(initial ? { initial } : {}) }));
  }

  private async next(): Promise<void> {
    const current = this.state.page;
    if (!current?.lastEvaluatedKey) { return; }
    const after = current.lastEvaluatedKey;
    await this.read('Next page', () => this.host.request('items.next', { fromPage: current.pageNumber, after }));
  }

  private async previous(): Promise<void> {
    const current = this.state.page;
    if (!current?.hasPrevious) { return; }
    await this.read('Previous page', () => this.host.request('items.previous', { fromPage: current.pageNumber }));
  }

  private async reload(): Promise<void> {
    const key = selectedKey(this.state);
    if (await this.read('Reload', () => this.host.request('items.reload', {}))) { this.grid.restoreSelection(key, isOpen(this.state, key)); }
  }

  private listen(): void {
    const { host, state } = this;
    host.on('progress', p => {
      const text = `Reading… ${formatCount(p.count)} found, ${formatCount(p.scannedCount)} scanned in ${p.requests} requests`;
      replace(this.progress, busy(text).element);
    });
    host.on('page', p => {
      // The host read the page again (an item was saved in its editor): keep the selection.
      const key = selectedKey(state);
      const wasOpen = isOpen(state, key);
      this.grid.show(p);
      this.grid.restoreSelection(key, wasOpen);
    });
    host.on('notice', n => {
      if (n.level === 'error') { this.messages.error({ code: n.code ?? 'Error', message: n.message }); } else { this.messages.notice(n.message); }
    });
    host.on('query', p => {
      // Before init answered, init brings this page itself (the host waits for it).
      if (!state.init) { return; }
      this.messages.clear();
      state.lastQuery = p.query;
      state.form = formOf(p.query);
      this.form.render();
      this.grid.show(p);
      this.saveState();
    });
    host.on('run', () => {
      if (state.init) { void this.run(); }
    });
    host.on('browse', target => {
      if (!state.init) { state.pendingBrowse = target; return; }
      void this.browse(target.index);
    });
    new ResizeObserver(() => requestAnimationFrame(() => this.pane.place())).observe(this.app);
    document.addEventListener('keydown', e => {
      if (e.key === 'Escape' && state.openKey) { this.pane.close(); }
    });
  }

  /** Switches to a target (the table, or an index) and reads its first page. */
  private async browse(index: string | undefined): Promise<void> {
    const { state } = this;
    if (!state.init?.targets.some(t => (t.index ?? '') === (index ?? ''))) { return; }
    state.form = { ...state.form, index: index ?? '', mode: 'scan', pk: '', skOperator: '', sk: '', sk2: '', descending: false, filters: [] };
    this.form.render();
    await this.run(true);
  }

  // -------------------------------------------------------------------------------------------
  // Item actions

  private async simple(method: 'items.create', what: string): Promise<void>;
  private async simple(method: 'items.edit' | 'items.duplicate', what: string, params: { key: JsonItem }): Promise<void>;
  private async simple(method: 'items.create' | 'items.edit' | 'items.duplicate', what: string, params?: { key: JsonItem }): Promise<void> {
    this.messages.clear();
    try {
      if (method === 'items.create') { await this.host.request(method, {}); } else { await this.host.request(method, params!); }
    } catch (error) {
      this.showError(errorInfo(error), what);
    }
  }

  private async withSelected(method: 'items.edit' | 'items.duplicate', what: string): Promise<void> {
    const key = selectedKey(this.state);
    if (key) { await this.simple(method, what, { key }); }
  }

  private async deleteSelected(): Promise<void> {
    const key = selectedKey(this.state);
    if (!key || this.state.reading) { return; }
    this.messages.clear();
    this.setReading(true, 'Deleting…');
    try {
      const outcome = await this.host.request('items.delete', { key });
      if (outcome.page) { this.grid.show(outcome.page); }
      if (outcome.deleted) { this.messages.notice('Item deleted.'); } else if (outcome.reason === 'gone') { this.messages.notice('The item was already gone.'); }
    } catch (error) {
      this.showError(errorInfo(error), 'Delete item');
    } finally {
      this.setReading(false);
    }
  }

  private async deleteAll(): Promise<void> {
    if (this.state.reading) { return; }
    this.messages.clear();
    this.setReading(true, 'Deleting…');
    try {
      const outcome: DeleteAllOutcome = await this.host.request('items.deleteAll', {});
      if (outcome.page) { this.grid.show(outcome.page); }
      if (outcome.done) { this.messages.notice(`Deleted ${formatCount(outcome.deleted)} items.`); } else if (outcome.reason === 'stopped') { this.messages.notice(`Stopped after ${formatCount(outcome.deleted ?? 0)} deleted items.`); } else if (outcome.reason === 'nothing') { this.messages.notice('No item matches: nothing deleted.'); }
    } catch (error) {
      this.showError(errorInfo(error), 'Delete all matching');
    } finally {
      this.setReading(false);
    }
  }

  private async exportItems(scope: ExportScope): Promise<void> {
    this.messages.clear();
    try {
      const outcome = await this.host.request('items.export', { scope, format: this.state.exportFormat });
      if (outcome.done) { this.messages.notice(`Exported ${formatCount(outcome.items)} items to ${outcome.path}.`); } else { this.messages.notice('Export cancelled.'); }
    } catch (error) {
      this.showError(errorInfo(error), 'Export');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Start

  async start(): Promise<void> {
    const { state, host } = this;
    this.setReading(true, 'Opening…');
    let init: ItemsInit;
    try {
      init = await host.request('items.init', {});
    } catch (error) {
      this.setReading(false);
      this.showError(errorInfo(error), 'Cannot open the table');
      return;
    }
    state.init = init;
    const saved = host.state;
    this.title.replaceChildren(el('span', { class: 'mono' }, init.tableName));
    this.subtitle.textContent = init.location;
    const known = (query: ItemQuery | undefined) => query !== undefined && init.targets.some(t => (t.index ?? '') === (query.index ?? ''));
    this.setReading(false);
    const wanted = state.pendingBrowse;
    state.pendingBrowse = undefined;
    if (wanted && init.targets.some(t => (t.index ?? '') === (wanted.index ?? ''))) {
      state.form = { ...state.form, pageSize: init.pageSize };
      await this.browse(wanted.index);
    } else if (init.page) {
      // Shown again after being hidden: the host still holds the page.
      state.lastQuery = init.page.query;
      state.form = formOf(init.page.query);
      this.form.render();
      this.grid.show(init.page);
      this.grid.restoreSelection(saved?.selected, saved?.itemOpen === true);
    } else if (saved?.query && known(saved.query)) {
      // After a window reload: the same query, and the same page.
      state.form = formOf(saved.query);
      this.form.render();
      const restored = await this.runQuery(saved.query, saved.starts) || (saved.starts !== undefined && saved.starts.length > 1 && await this.runQuery(saved.query));
      if (restored) { this.grid.restoreSelection(saved.selected, saved.itemOpen === true); }
    } else {
      const startIndex = init.target.indexName ?? '';
      state.form = { ...state.form, index: init.targets.some(t => (t.index ?? '') === startIndex) ? startIndex : '', pageSize: init.pageSize };
      this.form.render();
      await this.run(true);
    }
  }
}

const app = start();
const host = new Host();
const browser = new ItemBrowser(app, host);
host.ready();
void browser.start();
