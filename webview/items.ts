/**
 * The item browser: Scan or Query on the table or an index, a query builder typed by the key
 * types, AND-ed filters, pages with next/previous, a grid of readable values with their types,
 * an item pane beside the grid (plain JSON and DynamoDB JSON), and the actions the host carries
 * out (edit in an editor, create, duplicate, delete, export).
 *
 * The view survives the webview being rebuilt: when the panel is shown again the host hands back
 * the page it holds; after a window reload the saved state (query, the page's start keys, the
 * selected row, whether its item was open) brings the same page back.
 *
 * Every value is put in the page as text (textContent), never parsed as HTML.
 */
import type { FilterCondition, FilterOperator, JsonItem, QueryTarget, SortKeyOperator, TypedValue } from '../src/model/items';
import { FILTER_OPERATORS, SORT_KEY_OPERATORS } from '../src/model/items';
import type { AttributeType } from '../src/model/spec';
import type { ErrorInfo, ExportFormatName, ExportScope, ItemQuery, ItemRow, ItemsInit, ItemView, PageView, PanelState } from './protocol';
import { Host, errorInfo } from './rpc';
import { el, formatCount, replace } from './dom';
import { button, checkbox, dropdown, tabs, textField } from './toolkit';
import type { Control } from './toolkit';
import { MessageArea, busy, start } from './ui';

const FILTER_TYPES: readonly TypedValue['type'][] = ['S', 'N', 'B', 'BOOL', 'NULL'];

const app = start();
const host = new Host();
const messages = new MessageArea();

interface FilterDraft { path: string; operator: FilterOperator; type: TypedValue['type']; value: string; value2: string }

interface Form {
  index: string; // '' = the table
  mode: 'scan' | 'query';
  pk: string;
  skOperator: SortKeyOperator | '';
  sk: string;
  sk2: string;
  descending: boolean;
  pageSize: number;
  filters: FilterDraft[];
}

let init: ItemsInit | undefined;
let page: PageView | undefined;
/** The query being read or shown last (saved in the state). */
let lastQuery: ItemQuery | undefined;
let selected = -1;
/** The key of the item shown in the item pane, if any. */
let openKey: JsonItem | undefined;
let reading = false;
let form: Form = { index: '', mode: 'scan', pk: '', skOperator: '', sk: '', sk2: '', descending: false, pageSize: 100, filters: [] };

// ---------------------------------------------------------------------------------------------
// Layout

const title = el('h1', {}, el('span', { class: 'placeholder' }, 'Item browser'));
const subtitle = el('p', { class: 'subtitle' });
const formArea = el('section', { class: 'query', attrs: { 'aria-label': 'Query' } });
const stats = el('div', { class: 'stats', id: 'stats', role: 'status' });
const progress = el('span', { class: 'progress' });
const grid = el('table', { class: 'grid', id: 'grid', role: 'grid', attrs: { 'aria-label': 'Items', 'aria-readonly': 'true' } });
const itemArea = el('section', { class: 'item-view hidden', id: 'item-view', attrs: { 'aria-label': 'Item' } });
const gridWrap = el('div', { class: 'grid-wrap' }, grid);
const results = el('div', { class: 'results', id: 'results' }, gridWrap, itemArea);

const runButton = button('Run', () => { void run(); }, { appearance: 'primary', id: 'run', title: 'Read the first page' });
const stopButton = button('Stop', () => host.notify('items.stop', {}), { id: 'stop', title: 'Stop reading: keep what was found so far' });
const addFilterButton = button('Add filter', () => { addFilter(); }, { id: 'add-filter', title: 'Add a filter condition (conditions are combined with AND)' });
/** Whether the filter rows are shown (they fold away to leave room for the grid). */
let filtersShown = true;
const filtersToggle = button('Hide filters', () => { filtersShown = !filtersShown; renderForm(); }, { id: 'toggle-filters', title: 'Show or hide the filter conditions (they still apply when hidden)' });
const previousButton = button('Previous', () => { void previous(); }, { id: 'previous', title: 'Previous page' });
const nextButton = button('Next', () => { void next(); }, { id: 'next', title: 'Next page' });
const pageLabel = el('span', { id: 'page-number', class: 'page-number' });
const openButton = button('Open', () => { void openSelected(); }, { id: 'open', title: 'Show the selected item beside the grid' });
const editButton = button('Edit', () => { void withSelected('items.edit', 'Edit'); }, { id: 'edit', title: 'Edit the selected item in an editor; saving writes it if nobody changed it meanwhile' });
const duplicateButton = button('Duplicate', () => { void withSelected('items.duplicate', 'Duplicate'); }, { id: 'duplicate', title: 'Create a new item from a copy of the selected one' });
const deleteButton = button('Delete', () => { void deleteSelected(); }, { id: 'delete', title: 'Delete the selected item (asks first)' });
const createButton = button('Create item', () => { void simple('items.create', 'Create item'); }, { id: 'create', title: 'Write a new item from a template of the key attributes' });
const reloadButton = button('Reload', () => { void reload(); }, { id: 'reload', title: 'Read the current page again' });
let exportFormat: ExportFormatName = 'jsonl';
const exportFormatDropdown = dropdown([{ value: 'jsonl', label: 'JSON Lines' }, { value: 'csv', label: 'CSV' }], 'jsonl', v => { exportFormat = v as ExportFormatName; }, { id: 'export-format', title: 'Export format' });
const exportPageButton = button('Export page', () => { void exportItems('page'); }, { id: 'export-page', title: 'Write the items of this page to a file' });
const exportAllButton = button('Export all', () => { void exportItems('all'); }, { id: 'export-all', title: 'Export the whole result (read again from the start)' });

stopButton.classList.add('hidden');

/** Controls that belong together wrap together (a narrow panel never separates Open from Edit). */
const group = (label: string, ...controls: HTMLElement[]): HTMLElement => el('span', { class: 'group', role: 'group', attrs: { 'aria-label': label } }, ...controls);

replace(app,
  el('header', { class: 'header' }, title, subtitle),
  formArea,
  el('div', { class: 'toolbar' }, group('Read', runButton, stopButton), group('Filters', addFilterButton, filtersToggle), progress, el('span', { class: 'spacer' }),
    group('Table', createButton, reloadButton), group('Export', exportFormatDropdown, exportPageButton, exportAllButton)),
  messages.element,
  el('div', { class: 'toolbar pager' }, group('Pages', previousButton, pageLabel, nextButton), stats, el('span', { class: 'spacer' }),
    group('Selected item', openButton, editButton, duplicateButton, deleteButton)),
  results,
);

// ---------------------------------------------------------------------------------------------
// State

function saveState(): void {
  if (!init) { return; }
  const key = selectedKey();
  const state: PanelState = {
    v: 1, kind: 'items', target: init.target,
    ...(lastQuery ? { query: lastQuery } : {}),
    ...(page && lastQuery === page.query ? { starts: page.starts } : {}),
    ...(key ? { selected: key } : {}),
    ...(key && openKey && sameKey(key, openKey) ? { itemOpen: true } : {}),
  };
  host.state = state;
}

/** Same key? Attribute order does not matter. */
function sameKey(a: JsonItem, b: JsonItem): boolean {
  const text = (k: JsonItem) => JSON.stringify(Object.keys(k).sort().map(n => [n, k[n]]));
  return text(a) === text(b);
}

// ---------------------------------------------------------------------------------------------
// Query form

function currentTarget(): QueryTarget | undefined {
  return init?.targets.find(t => (t.index ?? '') === form.index);
}

function keysOf(target: QueryTarget): { hash?: string; range?: string } {
  const schema = target.indexKeySchema ?? target.tableKeySchema;
  return { hash: schema.find(k => k.keyType === 'HASH')?.name, range: schema.find(k => k.keyType === 'RANGE')?.name };
}

function typeOfKey(target: QueryTarget, name: string | undefined): AttributeType {
  return (name && target.keyTypes[name]) || 'S';
}

function typeHint(type: AttributeType): string {
  return type === 'N' ? 'number' : type === 'B' ? 'base64' : 'text';
}

function labelled(label: string, control: HTMLElement): HTMLElement {
  return el('label', {}, label, control);
}

/**
 * A stable name for a form control, so the form, rebuilt on every change of a dropdown, puts the
 * focus back where it was (a rebuilt control is a new element: the focus would fall to the body).
 */
function focusable<T extends HTMLElement>(key: string, control: T): T {
  control.dataset.focus = key;
  return control;
}

function focusedKey(): string | undefined {
  const active = document.activeElement as HTMLElement | null;
  return active?.closest<HTMLElement>('[data-focus]')?.dataset.focus;
}

function focusKey(key: string | undefined): boolean {
  const target = key ? formArea.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) : null;
  target?.focus();
  return target !== null;
}

function addFilter(): void {
  form.filters.push({ path: '', operator: '=', type: 'S', value: '', value2: '' });
  filtersShown = true;
  renderForm();
  // The new row comes before the button in reading order: the focus goes into it.
  focusKey(`filter-${form.filters.length - 1}-path`);
}

function removeFilter(i: number): void {
  form.filters.splice(i, 1);
  renderForm();
  if (!focusKey(`filter-${Math.min(i, form.filters.length - 1)}-path`)) { addFilterButton.focus(); }
}

function bind(control: Control, set: (value: string) => void): Control {
  control.addEventListener('input', () => set(control.value));
  control.addEventListener('change', () => set(control.value));
  return control;
}

function targetLabel(t: QueryTarget): string {
  const schema = t.indexKeySchema ?? t.tableKeySchema;
  const keys = schema.map(k => k.name).join(', ');
  return t.index ? `${t.indexKind} ${t.index} (${keys})` : `Table ${t.table} (${keys})`;
}

function renderForm(): void {
  const target = currentTarget();
  if (!init || !target) { replace(formArea); return; }
  const focused = focusedKey();
  const targetChoices = init.targets.map(t => ({ value: t.index ?? '', label: targetLabel(t) }));
  const row1 = el('div', { class: 'form-row' },
    labelled('Read from', focusable('target', dropdown(targetChoices, form.index, v => { form.index = v; form.pk = ''; form.sk = ''; form.sk2 = ''; form.skOperator = ''; renderForm(); }, { id: 'target' }))),
    labelled('Operation', focusable('mode', dropdown([{ value: 'scan', label: 'Scan' }, { value: 'query', label: 'Query' }], form.mode, v => { form.mode = v === 'query' ? 'query' : 'scan'; renderForm(); }, { id: 'mode' }))),
    focusable('page-size', bind(textField('Page size', String(form.pageSize), { id: 'page-size', size: 5, onEnter: () => { void run(); } }), v => { form.pageSize = Number(v); })),
  );
  const parts: HTMLElement[] = [row1];
  if (form.mode === 'query') {
    const { hash, range } = keysOf(target);
    const pkType = typeOfKey(target, hash);
    const row2 = el('div', { class: 'form-row', id: 'key-condition' },
      focusable('pk', bind(textField(`${hash ?? '?'} = (${pkType}, ${typeHint(pkType)})`, form.pk, { id: 'pk', placeholder: 'partition key value', onEnter: () => { void run(); } }), v => { form.pk = v; })),
    );
    if (range) {
      const skType = typeOfKey(target, range);
      const ops = [{ value: '', label: '(any sort key)' }, ...SORT_KEY_OPERATORS.filter(op => !(op === 'begins_with' && skType === 'N')).map(op => ({ value: op, label: op }))];
      row2.append(
        labelled(`${range} (${skType})`, focusable('sk-op', dropdown(ops, form.skOperator, v => { form.skOperator = v as SortKeyOperator | ''; renderForm(); }, { id: 'sk-op', title: 'Sort key condition' }))),
      );
      if (form.skOperator) {
        row2.append(focusable('sk', bind(textField(form.skOperator === 'between' ? `from (${typeHint(skType)})` : `value (${typeHint(skType)})`, form.sk, { id: 'sk', onEnter: () => { void run(); } }), v => { form.sk = v; })));
      }
      if (form.skOperator === 'between') {
        row2.append(focusable('sk2', bind(textField(`to (${typeHint(skType)})`, form.sk2, { id: 'sk2', onEnter: () => { void run(); } }), v => { form.sk2 = v; })));
      }
    }
    row2.append(focusable('descending', checkbox('Descending', form.descending, c => { form.descending = c; }, 'descending')));
    parts.push(row2);
  }
  const filters = el('div', { class: 'filters', id: 'filters', role: 'group', attrs: { 'aria-label': 'Filters' } }, ...form.filters.map((f, i) => filterRow(f, i)));
  filters.classList.toggle('hidden', !filtersShown);
  parts.push(filters);
  if (!filtersShown && form.filters.length) {
    parts.push(el('p', { class: 'note filters-summary', id: 'filters-summary' }, `${form.filters.length} ${form.filters.length === 1 ? 'filter applies' : 'filters apply'} (hidden): ${form.filters.map(filterWords).join(' and ')}`));
  }
  filtersToggle.classList.toggle('hidden', form.filters.length === 0);
  filtersToggle.textContent = filtersShown ? 'Hide filters' : `Show filters (${form.filters.length})`;
  filtersToggle.setAttribute('aria-expanded', String(filtersShown));
  replace(formArea, ...parts);
  focusKey(focused);
}

/** A filter in words, for the summary of hidden filters: `status = "paid"`. */
function filterWords(f: FilterDraft): string {
  const value = (text: string) => (f.type === 'S' ? JSON.stringify(text) : text);
  const head = `${f.path || '?'} ${f.operator}`;
  if (f.operator === 'attribute_exists' || f.operator === 'attribute_not_exists') { return head; }
  if (f.operator === 'attribute_type') { return `${head} ${f.value}`; }
  if (f.type === 'NULL') { return `${head} null`; }
  return f.operator === 'between' ? `${head} ${value(f.value)} and ${value(f.value2)}` : `${head} ${value(f.value)}`;
}

function filterRow(f: FilterDraft, i: number): HTMLElement {
  const needsValue = f.operator !== 'attribute_exists' && f.operator !== 'attribute_not_exists';
  const row = el('div', { class: 'filter', dataset: { index: String(i) } },
    el('span', { class: 'conjunction' }, i === 0 ? 'where' : 'and'),
    focusable(`filter-${i}-path`, bind(textField('Attribute', f.path, { placeholder: 'name or a.b[0]', size: 14, onEnter: () => { void run(); } }), v => { f.path = v; })),
    labelled('Operator', focusable(`filter-${i}-op`, dropdown(FILTER_OPERATORS.map(op => ({ value: op, label: op })), f.operator, v => { f.operator = v as FilterOperator; renderForm(); }))),
  );
  if (needsValue && f.operator !== 'attribute_type') {
    row.append(labelled('Type', focusable(`filter-${i}-type`, dropdown(FILTER_TYPES.map(t => ({ value: t, label: t })), f.type, v => { f.type = v as TypedValue['type']; renderForm(); }))));
  }
  if (needsValue && f.type !== 'NULL') {
    row.append(focusable(`filter-${i}-value`, bind(textField(f.operator === 'attribute_type' ? 'Type name (S, N, …)' : f.operator === 'between' ? 'From' : 'Value', f.value, { size: 14, onEnter: () => { void run(); } }), v => { f.value = v; })));
  }
  if (f.operator === 'between') { row.append(focusable(`filter-${i}-value2`, bind(textField('To', f.value2, { size: 14, onEnter: () => { void run(); } }), v => { f.value2 = v; }))); }
  row.append(focusable(`filter-${i}-remove`, button('Remove', () => { removeFilter(i); }, { title: `Remove filter ${i + 1}` })));
  return row;
}

/** The query of the form; throws with a message when the form is incomplete. */
function buildQuery(): ItemQuery {
  const target = currentTarget();
  if (!target) { throw new Error('no table to read'); }
  if (!Number.isInteger(form.pageSize) || form.pageSize < 1 || form.pageSize > 1000) { throw new Error('the page size is a whole number from 1 to 1000'); }
  const filters: FilterCondition[] = form.filters.map((f, i): FilterCondition => {
    if (!f.path.trim()) { throw new Error(`filter ${i + 1}: name the attribute`); }
    const path = f.path.trim();
    if (f.operator === 'attribute_exists' || f.operator === 'attribute_not_exists') { return { path, operator: f.operator }; }
    if (f.operator === 'attribute_type') { return { path, operator: f.operator, value: { type: 'S', text: f.value.trim() } }; }
    const value: TypedValue = { type: f.type, text: f.value };
    return f.operator === 'between' ? { path, operator: f.operator, value, value2: { type: f.type, text: f.value2 } } : { path, operator: f.operator, value };
  });
  const base = { ...(target.index ? { index: target.index } : {}), filters, pageSize: form.pageSize };
  if (form.mode === 'scan') { return { ...base, mode: 'scan' }; }
  const { hash, range } = keysOf(target);
  if (!hash) { throw new Error('this target has no partition key'); }
  if (form.pk === '') { throw new Error(`a query needs a value for the partition key ${hash}`); }
  const sortKey = range && form.skOperator
    ? { name: range, type: typeOfKey(target, range), operator: form.skOperator, value: form.sk, ...(form.skOperator === 'between' ? { value2: form.sk2 } : {}) }
    : undefined;
  return {
    ...base, mode: 'query',
    partitionKey: { name: hash, type: typeOfKey(target, hash), value: form.pk },
    ...(sortKey ? { sortKey } : {}),
    ...(form.descending ? { descending: true } : {}),
  };
}

/** The form for a query (restoring a saved view). */
function formOf(query: ItemQuery): Form {
  return {
    index: query.index ?? '',
    mode: query.mode,
    pk: query.partitionKey?.value ?? '',
    skOperator: query.sortKey?.operator ?? '',
    sk: query.sortKey?.value ?? '',
    sk2: query.sortKey?.value2 ?? '',
    descending: query.descending ?? false,
    pageSize: query.pageSize,
    filters: query.filters.map(f => ({ path: f.path, operator: f.operator, type: f.value?.type ?? 'S', value: f.value?.text ?? '', value2: f.value2?.text ?? '' })),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading pages

/** What had the focus when a read began (a button disabled while reading loses it). */
let focusBeforeRead: HTMLElement | undefined;

function setReading(on: boolean, text = 'Reading…'): void {
  if (on && !reading) { focusBeforeRead = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined; }
  reading = on;
  stopButton.classList.toggle('hidden', !on);
  runButton.disabled = on;
  if (on) {
    const spinner = busy(text);
    replace(progress, spinner.element);
  } else {
    replace(progress);
  }
  updateButtons();
  if (!on) { restoreFocusAfterRead(); }
}

/**
 * Gives the focus back after a read: to the control that had it (Run, Next, Previous), or, when
 * that one is gone or now disabled (Next on the last page), to the grid.
 */
function restoreFocusAfterRead(): void {
  const before = focusBeforeRead;
  focusBeforeRead = undefined;
  const active = document.activeElement;
  if (!before || (active && active !== document.body)) { return; }
  // A toolkit button enabled again updates its inner button a frame later: focus it then.
  requestAnimationFrame(() => {
    const now = document.activeElement;
    if (now && now !== document.body) { return; }
    if (before.isConnected && !(before as HTMLElement & { disabled?: boolean }).disabled) { before.focus(); } else { focusGrid(); }
  });
}

/** Focuses the grid's current row (its one Tab stop). */
function focusGrid(): void {
  grid.querySelector<HTMLElement>('tbody tr[tabindex="0"]')?.focus();
}

function updateButtons(): void {
  previousButton.disabled = reading || !page?.hasPrevious;
  nextButton.disabled = reading || !page?.hasNext;
  reloadButton.disabled = reading || !page;
  const none = reading || selected < 0 || !page || !page.rows[selected];
  openButton.disabled = none;
  editButton.disabled = none;
  duplicateButton.disabled = none;
  deleteButton.disabled = none;
  exportPageButton.disabled = reading || !page || page.rows.length === 0;
  exportAllButton.disabled = reading || !page;
}

/** Reads a page and shows it; false when the read failed (the error is shown). */
async function read(what: string, call: () => Promise<PageView>): Promise<boolean> {
  if (reading) { return false; }
  messages.clear();
  setReading(true);
  try {
    show(await call());
    return true;
  } catch (error) {
    showError(errorInfo(error), what);
    return false;
  } finally {
    setReading(false);
  }
}

function showError(error: ErrorInfo, context: string): void {
  messages.error(error, context);
}

async function run(): Promise<void> {
  let query: ItemQuery;
  try { query = buildQuery(); } catch (error) { showError({ code: 'InvalidQuery', message: (error as Error).message }, 'Query'); return; }
  await runQuery(query);
}

/** Reads the first page of a query, or with `starts` the page they lead to (restoring). */
async function runQuery(query: ItemQuery, starts?: readonly (JsonItem | null)[]): Promise<boolean> {
  if (reading) { return false; }
  lastQuery = query;
  saveState();
  return read(query.mode === 'query' ? 'Query' : 'Scan', () => host.request('items.run', { query, ...(starts && starts.length > 1 ? { starts } : {}) }));
}

async function next(): Promise<void> {
  const current = page;
  if (!current?.lastEvaluatedKey) { return; }
  const after = current.lastEvaluatedKey;
  await read('Next page', () => host.request('items.next', { fromPage: current.pageNumber, after }));
}

async function previous(): Promise<void> {
  const current = page;
  if (!current?.hasPrevious) { return; }
  await read('Previous page', () => host.request('items.previous', { fromPage: current.pageNumber }));
}

async function reload(): Promise<void> {
  const key = selectedKey();
  if (await read('Reload', () => host.request('items.reload', {}))) { restoreSelection(key, openKey !== undefined && key !== undefined && sameKey(key, openKey)); }
}

host.on('progress', p => {
  const text = `Reading… ${formatCount(p.count)} found, ${formatCount(p.scannedCount)} scanned in ${p.requests} requests`;
  replace(progress, busy(text).element);
});
host.on('page', p => {
  // The host read the page again (an item was saved in its editor): keep the selection.
  const key = selectedKey();
  const wasOpen = openKey !== undefined && key !== undefined && sameKey(key, openKey);
  show(p);
  restoreSelection(key, wasOpen);
});
host.on('notice', n => {
  if (n.level === 'error') { messages.error({ code: n.code ?? 'Error', message: n.message }); } else { messages.notice(n.message); }
});
/** A target to browse asked for before the panel had opened (it was hidden: the ask came first). */
let pendingBrowse: { index?: string } | undefined;

host.on('browse', target => {
  if (!init) { pendingBrowse = target; return; }
  void browse(target.index);
});

/** Switches to a target (the table, or an index) and reads its first page. */
async function browse(index: string | undefined): Promise<void> {
  if (!init?.targets.some(t => (t.index ?? '') === (index ?? ''))) { return; }
  form = { ...form, index: index ?? '', mode: 'scan', pk: '', skOperator: '', sk: '', sk2: '', descending: false, filters: [] };
  renderForm();
  await run();
}

// ---------------------------------------------------------------------------------------------
// Grid

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
  return q.index ? `The index ${q.index} holds no items.` : 'This table holds no items. Create item writes one.';
}

function show(view: PageView): void {
  page = view;
  lastQuery = view.query;
  selected = -1;
  pageLabel.textContent = `Page ${view.pageNumber}`;
  replace(stats,
    el('span', { id: 'returned' }, `${formatCount(view.count)} ${view.count === 1 ? 'item' : 'items'}`),
    el('span', { id: 'scanned' }, `${formatCount(view.scannedCount)} scanned`),
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
  const gridHadFocus = grid.contains(document.activeElement);
  const body = el('tbody', {}, ...view.rows.map((row, i) => rowElement(row, i, types, numeric)));
  replace(grid, el('thead', {}, head), body);
  grid.setAttribute('aria-rowcount', String(view.rows.length + 1));
  // One Tab stop for the grid: its current row (roving tabindex); the arrows move inside it.
  const firstRow = body.querySelector<HTMLElement>('tr[data-row]');
  if (firstRow) { firstRow.tabIndex = 0; }
  if (gridHadFocus) { firstRow?.focus(); }
  if (view.rows.length === 0) {
    body.append(el('tr', { class: 'empty' }, el('td', { attrs: { colspan: String(view.columns.length + 1) }, class: 'note' }, emptyText(view))));
  }
  if (openKey && !view.rows.some(r => sameKey(r.key, openKey!))) { closeItem(); } else { placeItemPane(); }
  updateButtons();
  saveState();
  markPainted(view.rows.length);
}

/** A performance mark once the page's rows are painted (read by `npm run bench`). */
function markPainted(rows: number): void {
  requestAnimationFrame(() => setTimeout(() => performance.mark('items:page-painted', { detail: { rows } }), 0));
}

function rowElement(row: ItemRow, i: number, types: readonly (string | undefined)[], numeric: readonly boolean[]): HTMLElement {
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
  tr.addEventListener('click', () => select(i));
  tr.addEventListener('dblclick', () => { select(i); void openSelected(); });
  tr.addEventListener('keydown', e => { gridKey(e, i); });
  tr.addEventListener('focus', () => select(i));
  return tr;
}

/** Rows a PageUp/PageDown moves: what the grid's area shows, less one. */
function rowsPerPage(): number {
  const row = grid.querySelector<HTMLElement>('tbody tr');
  const height = row?.getBoundingClientRect().height || 24;
  return Math.max(1, Math.floor(gridWrap.clientHeight / height) - 2);
}

/** The grid's keys (ARIA grid pattern): arrows, Home/End, PageUp/PageDown move; Enter opens; Escape closes the item. */
function gridKey(e: KeyboardEvent, i: number): void {
  const count = page?.rows.length ?? 0;
  const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: count - 1, PageDown: i + rowsPerPage(), PageUp: i - rowsPerPage() };
  if (e.key in moves && !e.altKey && !e.metaKey) {
    e.preventDefault();
    const to = Math.max(0, Math.min(count - 1, moves[e.key]!));
    grid.querySelector<HTMLElement>(`tbody tr[data-row="${to}"]`)?.focus();
    return;
  }
  if (e.key === 'Enter') { e.preventDefault(); select(i); void openSelected(); }
  if (e.key === 'Escape') { closeItem(); }
}

function select(i: number): void {
  if (selected === i) { return; }
  selected = i;
  for (const tr of grid.querySelectorAll<HTMLElement>('tbody tr[data-row]')) {
    const on = tr.dataset.row === String(i);
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', String(on));
    tr.tabIndex = on ? 0 : -1;
  }
  updateButtons();
  saveState();
  // With the item pane open, it follows the selection.
  if (openKey && page?.rows[i] && !sameKey(page.rows[i]!.key, openKey)) { void openSelected(); }
}

function selectedKey(): JsonItem | undefined {
  return page?.rows[selected]?.key;
}

/** Selects the row with this key again (and opens its item) after the page was read again. */
function restoreSelection(key: JsonItem | undefined, open: boolean): void {
  if (!key || !page) { return; }
  const i = page.rows.findIndex(r => sameKey(r.key, key));
  if (i < 0) { return; }
  select(i);
  if (grid.contains(document.activeElement)) { grid.querySelector<HTMLElement>(`tbody tr[data-row="${i}"]`)?.focus(); }
  if (open) { void openSelected(); }
}

// ---------------------------------------------------------------------------------------------
// Item actions

async function openSelected(): Promise<void> {
  const key = selectedKey();
  if (!key) { return; }
  messages.clear();
  try {
    renderItem(await host.request('items.open', { key }), key);
  } catch (error) {
    showError(errorInfo(error), 'Open item');
  }
}

function closeItem(): void {
  // Closing from inside the pane (its Close button, Escape) gives the focus back to the grid's row.
  const hadFocus = itemArea.contains(document.activeElement);
  openKey = undefined;
  itemArea.classList.add('hidden');
  results.classList.remove('with-item', 'pane-below');
  replace(itemArea);
  saveState();
  if (hadFocus) { focusGrid(); }
}

function renderItem(view: ItemView, key: JsonItem): void {
  openKey = key;
  const plain = el('div', {}, view.plainNotes.length ? el('ul', { class: 'note plain-notes' }, ...view.plainNotes.map(n => el('li', {}, n))) : null, el('pre', { id: 'plain-json' }, view.plainJson));
  const dynamo = el('div', {}, el('pre', { id: 'dynamo-json' }, view.dynamoJson));
  const views = tabs([{ label: 'JSON', id: 'plain', content: plain }, { label: 'DynamoDB JSON', id: 'dynamo', content: dynamo }]);
  const copy = (): void => {
    const text = (views as HTMLElement & { activeid?: string }).activeid === 'tab-dynamo' ? view.dynamoJson : view.plainJson;
    void host.request('copy', { text }).then(() => messages.notice('Item copied.'), error => showError(errorInfo(error), 'Copy'));
  };
  replace(itemArea,
    el('div', { class: 'item-head' },
      el('h3', { id: 'item-key', title: view.keyText }, view.keyText),
      el('div', { class: 'actions' },
        button('Edit', () => { void simple('items.edit', 'Edit', { key }); }, { id: 'item-edit', title: 'Edit in an editor' }),
        button('Copy', copy, { id: 'item-copy', title: 'Copy the JSON shown' }),
        button('Close', () => closeItem(), { id: 'close-item', title: 'Close the item (Escape)' }))),
    view.note ? el('p', { class: 'note', id: 'item-note' }, view.note) : null,
    views);
  itemArea.classList.remove('hidden');
  results.classList.add('with-item');
  placeItemPane();
  saveState();
}

/** Below this width (CSS pixels) the grid and the item pane do not fit side by side. */
const NARROW_RESULTS = 680;

/**
 * The item pane sits beside the grid, unless the panel is too narrow for both (then always under
 * it), or the grid would need horizontal scrolling beside it and there is height to spare: then
 * it goes under the grid too (a wide table keeps its columns in view).
 */
function placeItemPane(): void {
  results.classList.remove('pane-below');
  if (!openKey) { return; }
  const narrow = results.clientWidth < NARROW_RESULTS;
  const overflows = gridWrap.scrollWidth > gridWrap.clientWidth + 1;
  results.classList.toggle('pane-below', narrow || (overflows && results.clientHeight >= 480));
}


new ResizeObserver(() => requestAnimationFrame(placeItemPane)).observe(app);

async function simple(method: 'items.create', what: string): Promise<void>;
async function simple(method: 'items.edit' | 'items.duplicate', what: string, params: { key: JsonItem }): Promise<void>;
async function simple(method: 'items.create' | 'items.edit' | 'items.duplicate', what: string, params?: { key: JsonItem }): Promise<void> {
  messages.clear();
  try {
    if (method === 'items.create') { await host.request(method, {}); } else { await host.request(method, params!); }
  } catch (error) {
    showError(errorInfo(error), what);
  }
}

async function withSelected(method: 'items.edit' | 'items.duplicate', what: string): Promise<void> {
  const key = selectedKey();
  if (key) { await simple(method, what, { key }); }
}

async function deleteSelected(): Promise<void> {
  const key = selectedKey();
  if (!key || reading) { return; }
  messages.clear();
  setReading(true, 'Deleting…');
  try {
    const outcome = await host.request('items.delete', { key });
    if (outcome.page) { show(outcome.page); }
    if (outcome.deleted) { messages.notice('Item deleted.'); } else if (outcome.reason === 'gone') { messages.notice('The item was already gone.'); }
  } catch (error) {
    showError(errorInfo(error), 'Delete item');
  } finally {
    setReading(false);
  }
}

async function exportItems(scope: ExportScope): Promise<void> {
  messages.clear();
  try {
    const outcome = await host.request('items.export', { scope, format: exportFormat });
    if (outcome.done) { messages.notice(`Exported ${formatCount(outcome.items)} items to ${outcome.path}.`); } else { messages.notice('Export cancelled.'); }
  } catch (error) {
    showError(errorInfo(error), 'Export');
  }
}

document.addEventListener('keydown', e => {
  if (e.key === 'Escape' && openKey) { closeItem(); }
});

// ---------------------------------------------------------------------------------------------
// Start

async function main(): Promise<void> {
  setReading(true, 'Opening…');
  try {
    init = await host.request('items.init', {});
  } catch (error) {
    setReading(false);
    showError(errorInfo(error), 'Cannot open the table');
    return;
  }
  const saved = host.state;
  title.replaceChildren(el('span', { class: 'mono' }, init.tableName));
  subtitle.textContent = `${init.target.connectionLabel} · ${init.target.region}`;
  const known = (query: ItemQuery | undefined) => query !== undefined && init!.targets.some(t => (t.index ?? '') === (query.index ?? ''));
  setReading(false);
  const wanted = pendingBrowse;
  pendingBrowse = undefined;
  if (wanted && init.targets.some(t => (t.index ?? '') === (wanted.index ?? ''))) {
    form = { ...form, pageSize: init.pageSize };
    await browse(wanted.index);
  } else if (init.page) {
    // Shown again after being hidden: the host still holds the page.
    lastQuery = init.page.query;
    form = formOf(init.page.query);
    renderForm();
    show(init.page);
    restoreSelection(saved?.selected, saved?.itemOpen === true);
  } else if (saved?.query && known(saved.query)) {
    // After a window reload: the same query, and the same page.
    form = formOf(saved.query);
    renderForm();
    const restored = await runQuery(saved.query, saved.starts) || (saved.starts !== undefined && saved.starts.length > 1 && await runQuery(saved.query));
    if (restored) { restoreSelection(saved.selected, saved.itemOpen === true); }
  } else {
    const startIndex = init.target.indexName ?? '';
    form = { ...form, index: init.targets.some(t => (t.index ?? '') === startIndex) ? startIndex : '', pageSize: init.pageSize };
    renderForm();
    await run();
  }
}

host.ready();
void main();
