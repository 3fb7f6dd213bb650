/**
 * The item browser: Scan or Query on the table or an index, a query builder typed by the key
 * types, AND-ed filters, pages with next/previous, a grid of readable values with their types,
 * an item view (plain JSON and DynamoDB JSON), and the actions the host carries out (edit in an
 * editor, create, duplicate, delete, export).
 *
 * Every value is put in the page as text (textContent), never parsed as HTML.
 */
import type { FilterCondition, FilterOperator, JsonItem, QueryTarget, SortKeyOperator, TypedValue } from '../src/model/items';
import type { AttributeType } from '../src/model/spec';
import type { ErrorInfo, ExportFormatName, ExportScope, ItemQuery, ItemRow, ItemsInit, ItemView, PageView } from './protocol';
import { Host, errorInfo } from './rpc';
import { el, formatCount, replace } from './dom';
import { button, checkbox, dropdown, tabs, textField } from './toolkit';
import type { Control } from './toolkit';
import { MessageArea, busy, start } from './ui';

const SORT_OPS: readonly SortKeyOperator[] = ['=', '<', '<=', '>', '>=', 'between', 'begins_with'];
const FILTER_OPS: readonly FilterOperator[] = ['=', '<>', '<', '<=', '>', '>=', 'between', 'begins_with', 'contains', 'attribute_exists', 'attribute_not_exists', 'attribute_type'];
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
let selected = -1;
let reading = false;
let form: Form = { index: '', mode: 'scan', pk: '', skOperator: '', sk: '', sk2: '', descending: false, pageSize: 100, filters: [] };

// ---------------------------------------------------------------------------------------------
// Layout

const title = el('h1', {});
const subtitle = el('p', { class: 'subtitle' });
const formArea = el('section', { class: 'query', attrs: { 'aria-label': 'Query' } });
const stats = el('div', { class: 'stats', id: 'stats', role: 'status' });
const progress = el('span', { class: 'progress' });
const grid = el('table', { class: 'grid', id: 'grid' });
const itemArea = el('section', { class: 'item-view hidden', id: 'item-view', attrs: { 'aria-label': 'Item' } });

const runButton = button('Run', () => { void run(); }, { appearance: 'primary', id: 'run', title: 'Read the first page' });
const stopButton = button('Stop', () => host.notify('items.stop', {}), { id: 'stop', title: 'Stop reading: keep what was found so far' });
const previousButton = button('Previous', () => { void previous(); }, { id: 'previous', title: 'Previous page' });
const nextButton = button('Next', () => { void next(); }, { id: 'next', title: 'Next page' });
const pageLabel = el('span', { id: 'page-number', class: 'page-number' });
const openButton = button('Open', () => { void openSelected(); }, { id: 'open', title: 'Show the selected item' });
const editButton = button('Edit', () => { void withSelected('items.edit', 'Edit'); }, { id: 'edit', title: 'Edit the selected item in an editor; saving writes it if nobody changed it meanwhile' });
const duplicateButton = button('Duplicate', () => { void withSelected('items.duplicate', 'Duplicate'); }, { id: 'duplicate', title: 'Create a new item from a copy of the selected one' });
const deleteButton = button('Delete', () => { void deleteSelected(); }, { id: 'delete', title: 'Delete the selected item (asks first)' });
const createButton = button('Create item', () => { void simple('items.create', 'Create item'); }, { id: 'create' });
const reloadButton = button('Reload', () => { void reload(); }, { id: 'reload', title: 'Read the current page again' });
let exportFormat: ExportFormatName = 'jsonl';
const exportFormatDropdown = dropdown([{ value: 'jsonl', label: 'JSON Lines' }, { value: 'csv', label: 'CSV' }], 'jsonl', v => { exportFormat = v as ExportFormatName; }, { id: 'export-format', title: 'Export format' });
const exportPageButton = button('Export page', () => { void exportItems('page'); }, { id: 'export-page' });
const exportAllButton = button('Export all', () => { void exportItems('all'); }, { id: 'export-all', title: 'Export the whole result (read again from the start)' });

stopButton.classList.add('hidden');

replace(app,
  title, subtitle,
  formArea,
  el('div', { class: 'toolbar' }, runButton, stopButton, progress, el('span', { class: 'spacer' }), createButton, reloadButton, exportFormatDropdown, exportPageButton, exportAllButton),
  messages.element,
  el('div', { class: 'toolbar' }, previousButton, pageLabel, nextButton, el('span', { class: 'spacer' }), openButton, editButton, duplicateButton, deleteButton),
  stats,
  grid,
  itemArea,
);

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

function bind(control: Control, set: (value: string) => void): Control {
  control.addEventListener('input', () => set(control.value));
  control.addEventListener('change', () => set(control.value));
  return control;
}

function renderForm(): void {
  const target = currentTarget();
  if (!init || !target) { replace(formArea); return; }
  const targetChoices = init.targets.map(t => ({ value: t.index ?? '', label: t.index ? `${t.indexKind} ${t.index}` : `Table ${t.table}` }));
  const row1 = el('div', { class: 'form-row' },
    labelled('Read from', dropdown(targetChoices, form.index, v => { form.index = v; form.pk = ''; form.sk = ''; form.sk2 = ''; form.skOperator = ''; renderForm(); }, { id: 'target' })),
    labelled('Operation', dropdown([{ value: 'scan', label: 'Scan' }, { value: 'query', label: 'Query' }], form.mode, v => { form.mode = v === 'query' ? 'query' : 'scan'; renderForm(); }, { id: 'mode' })),
    bind(textField('Page size', String(form.pageSize), { id: 'page-size', size: 5, onEnter: () => { void run(); } }), v => { form.pageSize = Number(v); }),
  );
  const parts: HTMLElement[] = [row1];
  if (form.mode === 'query') {
    const { hash, range } = keysOf(target);
    const pkType = typeOfKey(target, hash);
    const row2 = el('div', { class: 'form-row', id: 'key-condition' },
      bind(textField(`${hash ?? '?'} = (${pkType}, ${typeHint(pkType)})`, form.pk, { id: 'pk', placeholder: 'partition key value', onEnter: () => { void run(); } }), v => { form.pk = v; }),
    );
    if (range) {
      const skType = typeOfKey(target, range);
      const ops = [{ value: '', label: '(any sort key)' }, ...SORT_OPS.filter(op => !(op === 'begins_with' && skType === 'N')).map(op => ({ value: op, label: op }))];
      row2.append(
        labelled(`${range} (${skType})`, dropdown(ops, form.skOperator, v => { form.skOperator = v as SortKeyOperator | ''; renderForm(); }, { id: 'sk-op', title: 'Sort key condition' })),
      );
      if (form.skOperator) {
        row2.append(bind(textField(form.skOperator === 'between' ? `from (${typeHint(skType)})` : `value (${typeHint(skType)})`, form.sk, { id: 'sk', onEnter: () => { void run(); } }), v => { form.sk = v; }));
      }
      if (form.skOperator === 'between') {
        row2.append(bind(textField(`to (${typeHint(skType)})`, form.sk2, { id: 'sk2', onEnter: () => { void run(); } }), v => { form.sk2 = v; }));
      }
    }
    row2.append(checkbox('Descending', form.descending, c => { form.descending = c; }, 'descending'));
    parts.push(row2);
  }
  const filterRows = form.filters.map((f, i) => filterRow(f, i));
  parts.push(el('div', { class: 'filters', id: 'filters' },
    ...filterRows,
    button('Add filter', () => { form.filters.push({ path: '', operator: '=', type: 'S', value: '', value2: '' }); renderForm(); }, { id: 'add-filter', title: 'Add a filter condition (conditions are combined with AND)' })));
  replace(formArea, ...parts);
}

function filterRow(f: FilterDraft, i: number): HTMLElement {
  const needsValue = f.operator !== 'attribute_exists' && f.operator !== 'attribute_not_exists';
  const row = el('div', { class: 'filter', dataset: { index: String(i) } },
    el('span', { class: 'note' }, i === 0 ? 'where' : 'and'),
    bind(textField('Attribute', f.path, { placeholder: 'name or a.b[0]' }), v => { f.path = v; }),
    labelled('Operator', dropdown(FILTER_OPS.map(op => ({ value: op, label: op })), f.operator, v => { f.operator = v as FilterOperator; renderForm(); })),
  );
  if (needsValue && f.operator !== 'attribute_type') {
    row.append(labelled('Type', dropdown(FILTER_TYPES.map(t => ({ value: t, label: t })), f.type, v => { f.type = v as TypedValue['type']; renderForm(); })));
  }
  if (needsValue && f.type !== 'NULL') {
    row.append(bind(textField(f.operator === 'attribute_type' ? 'Type name (S, N, …)' : f.operator === 'between' ? 'From' : 'Value', f.value), v => { f.value = v; }));
  }
  if (f.operator === 'between') { row.append(bind(textField('To', f.value2), v => { f.value2 = v; })); }
  row.append(button('Remove', () => { form.filters.splice(i, 1); renderForm(); }, { title: 'Remove this filter' }));
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

function setReading(on: boolean, text = 'Reading…'): void {
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

async function read(what: string, call: () => Promise<PageView>): Promise<void> {
  if (reading) { return; }
  messages.clear();
  setReading(true);
  try {
    show(await call());
  } catch (error) {
    showError(errorInfo(error), what);
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
  if (init) { host.state = { v: 1, kind: 'items', target: init.target, query }; }
  await read(query.mode === 'query' ? 'Query' : 'Scan', () => host.request('items.run', { query }));
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
  await read('Reload', () => host.request('items.reload', {}));
}

host.on('progress', p => {
  const text = `Reading… ${formatCount(p.count)} found, ${formatCount(p.scannedCount)} scanned in ${p.requests} requests`;
  replace(progress, busy(text).element);
});
host.on('page', p => { show(p); });
host.on('notice', n => {
  if (n.level === 'error') { messages.error({ code: n.code ?? 'Error', message: n.message }); } else { messages.notice(n.message); }
});

// ---------------------------------------------------------------------------------------------
// Grid

function show(view: PageView): void {
  page = view;
  selected = -1;
  pageLabel.textContent = `Page ${view.pageNumber}`;
  replace(stats,
    el('span', { id: 'returned' }, `${formatCount(view.count)} returned`),
    el('span', { id: 'scanned' }, `${formatCount(view.scannedCount)} scanned`),
    el('span', { id: 'capacity' }, view.consumedCapacity === undefined ? 'capacity not reported' : `${view.consumedCapacity} capacity units`),
    view.requests > 1 ? el('span', {}, `${view.requests} requests`) : null,
    view.stopped ? el('span', { class: 'unknown' }, 'stopped early: Next continues from here') : null,
    !view.hasNext ? el('span', {}, 'last page') : null,
  );
  const head = el('tr', {}, ...view.columns.map(c => view.keyColumns.includes(c)
    ? el('th', { class: 'key', title: `${c} (key)` }, c, el('span', { class: 'key-tag' }, 'key'))
    : el('th', { title: c }, c)), el('th', { title: 'attributes not shown in a column' }, '…'));
  const body = el('tbody', {}, ...view.rows.map((row, i) => rowElement(row, i)));
  replace(grid, el('thead', {}, head), body);
  if (view.rows.length === 0) {
    body.append(el('tr', {}, el('td', { attrs: { colspan: String(view.columns.length + 1) }, class: 'note' }, view.hasNext ? 'No items on this page (the filter dropped them); try Next.' : 'No items.')));
  }
  updateButtons();
}

function rowElement(row: ItemRow, i: number): HTMLElement {
  const tr = el('tr', { tabIndex: 0, dataset: { row: String(i) } },
    ...row.cells.map(cell => cell
      ? el('td', { title: cell.truncated ? `${cell.text} (shortened: open the item to see it all)` : `${cell.type}: ${cell.text}` }, el('span', { class: 'type' }, cell.type), el('span', { class: 'value' }, cell.text))
      : el('td', { class: 'missing', title: 'no such attribute' }, '—')),
    el('td', { class: 'hidden-count' }, row.hidden ? `+${row.hidden}` : ''));
  tr.addEventListener('click', () => select(i));
  tr.addEventListener('dblclick', () => { select(i); void openSelected(); });
  tr.addEventListener('keydown', e => {
    if (e.key === 'Enter') { select(i); void openSelected(); }
    if (e.key === 'ArrowDown') { (tr.nextElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { (tr.previousElementSibling as HTMLElement | null)?.focus(); e.preventDefault(); }
  });
  tr.addEventListener('focus', () => select(i));
  return tr;
}

function select(i: number): void {
  selected = i;
  for (const tr of grid.querySelectorAll('tbody tr')) { tr.classList.toggle('selected', (tr as HTMLElement).dataset.row === String(i)); }
  updateButtons();
}

function selectedKey(): JsonItem | undefined {
  return page?.rows[selected]?.key;
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

function renderItem(view: ItemView, key: JsonItem): void {
  const plain = el('div', {}, view.plainNotes.length ? el('ul', { class: 'note' }, ...view.plainNotes.map(n => el('li', {}, n))) : null, el('pre', { id: 'plain-json' }, view.plainJson));
  const dynamo = el('div', {}, el('pre', { id: 'dynamo-json' }, view.dynamoJson));
  replace(itemArea,
    el('div', { class: 'toolbar' },
      el('h3', {}, 'Item ', el('span', { class: 'mono', id: 'item-key' }, view.keyText)),
      el('span', { class: 'spacer' }),
      button('Edit', () => { void simple('items.edit', 'Edit', { key }); }, { title: 'Edit in an editor' }),
      button('Close', () => { itemArea.classList.add('hidden'); replace(itemArea); }, { id: 'close-item' })),
    tabs([{ label: 'JSON', id: 'plain', content: plain }, { label: 'DynamoDB JSON', id: 'dynamo', content: dynamo }]));
  itemArea.classList.remove('hidden');
  itemArea.scrollIntoView({ block: 'nearest' });
}

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
  const startIndex = init.target.indexName ?? '';
  form = saved?.query ? formOf(saved.query) : { ...form, index: init.targets.some(t => (t.index ?? '') === startIndex) ? startIndex : '', pageSize: init.pageSize };
  if (!init.targets.some(t => (t.index ?? '') === form.index)) { form.index = ''; }
  title.replaceChildren(el('span', { class: 'mono' }, init.tableName));
  subtitle.textContent = `${init.target.connectionLabel} · ${init.target.region}`;
  host.state = { v: 1, kind: 'items', target: init.target, ...(saved?.query ? { query: saved.query } : {}) };
  renderForm();
  setReading(false);
  if (init.page) {
    form = formOf(init.page.query);
    renderForm();
    show(init.page);
  } else {
    await run();
  }
}

host.ready();
void main();
