/**
 * The item browser's query form: what to read (the table or an index), Scan or Query, the key
 * condition typed by the key types, AND-ed filters (that fold away), the page size. The form is
 * rebuilt on every change of a dropdown and keeps the focus where it was.
 */
import { FILTER_OPERATORS, SORT_KEY_OPERATORS } from '../../src/model/items';
import type { FilterCondition, FilterOperator, QueryTarget, SortKeyOperator, TypedValue } from '../../src/model/items';
import type { AttributeType } from '../../src/model/spec';
import type { ItemQuery } from '../protocol';
import { el, replace } from '../dom';
import { button, checkbox, dropdown, textField } from '../toolkit';
import type { Control } from '../toolkit';
import type { FilterDraft, Form, ItemsState } from './state';

const FILTER_TYPES: readonly TypedValue['type'][] = ['S', 'N', 'B', 'BOOL', 'NULL'];

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

/** A filter in words, for the summary of hidden filters: `status = "paid"`. */
function filterWords(f: FilterDraft): string {
  const value = (text: string) => (f.type === 'S' ? JSON.stringify(text) : text);
  const head = `${f.path || '?'} ${f.operator}`;
  if (f.operator === 'attribute_exists' || f.operator === 'attribute_not_exists') { return head; }
  if (f.operator === 'attribute_type') { return `${head} ${f.value}`; }
  if (f.type === 'NULL') { return `${head} null`; }
  return f.operator === 'between' ? `${head} ${value(f.value)} and ${value(f.value2)}` : `${head} ${value(f.value)}`;
}

/** The form for a query (restoring a saved view). */
export function formOf(query: ItemQuery): Form {
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
    statement: query.statement ?? '',
    parameters: [...(query.parameters ?? [])],
  };
}

export class QueryForm {
  readonly element = el('section', { class: 'query', attrs: { 'aria-label': 'Query' } });
  readonly addFilterButton = button('Add filter', () => { this.addFilter(); }, { id: 'add-filter', title: 'Add a filter condition (conditions are combined with AND)' });
  readonly filtersToggle = button('Hide filters', () => { this.state.filtersShown = !this.state.filtersShown; this.render(); }, { id: 'toggle-filters', title: 'Show or hide the filter conditions (they still apply when hidden)' });

  /** `run` reads the first page of the form's query (Enter in a field). */
  constructor(private readonly state: ItemsState, private readonly run: () => void) {}

  /** The target the form reads from (the table or an index of init.targets). */
  currentTarget(): QueryTarget | undefined {
    return this.state.init?.targets.find(t => (t.index ?? '') === this.state.form.index);
  }

  private focusKey(key: string | undefined): boolean {
    const target = key ? this.element.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) : null;
    target?.focus();
    return target !== null;
  }

  addFilter(): void {
    this.state.form.filters.push({ path: '', operator: '=', type: 'S', value: '', value2: '' });
    this.state.filtersShown = true;
    this.render();
    // The new row comes before the button in reading order: the focus goes into it.
    this.focusKey(`filter-${this.state.form.filters.length - 1}-path`);
  }

  private removeFilter(i: number): void {
    const { form } = this.state;
    form.filters.splice(i, 1);
    this.render();
    if (!this.focusKey(`filter-${Math.min(i, form.filters.length - 1)}-path`)) { this.addFilterButton.focus(); }
  }

  render(): void {
    const { init, form, filtersShown } = this.state;
    const target = this.currentTarget();
    if (!init || !target) { replace(this.element); return; }
    const focused = focusedKey();
    const run = () => { this.run(); };
    const targetChoices = init.targets.map(t => ({ value: t.index ?? '', label: targetLabel(t) }));
    const modes = [{ value: 'scan', label: 'Scan' }, { value: 'query', label: 'Query' }, ...(form.statement ? [{ value: 'partiql', label: 'PartiQL' }] : [])];
    const row1 = el('div', { class: 'form-row' },
      labelled('Read from', focusable('target', dropdown(targetChoices, form.index, v => { form.index = v; form.pk = ''; form.sk = ''; form.sk2 = ''; form.skOperator = ''; if (form.mode === 'partiql') { form.mode = 'scan'; } this.render(); }, { id: 'target' }))),
      labelled('Operation', focusable('mode', dropdown(modes, form.mode, v => { form.mode = v === 'query' || v === 'partiql' ? v : 'scan'; this.render(); }, { id: 'mode' }))),
      focusable('page-size', bind(textField('Page size', String(form.pageSize), { id: 'page-size', size: 5, onEnter: run }), v => { form.pageSize = Number(v); })),
    );
    const parts: HTMLElement[] = [row1];
    if (form.mode === 'partiql') {
      const params = form.parameters.length ? el('p', { class: 'note', id: 'statement-parameters' }, `Parameters: ${form.parameters.map(p => JSON.stringify(p)).join(', ')}`) : undefined;
      parts.push(el('div', { class: 'statement-row', id: 'partiql' },
        el('span', { class: 'label' }, 'PartiQL statement (edit it in its .partiql file; Run reads it again)'),
        el('pre', { class: 'statement mono', id: 'statement' }, form.statement),
        ...(params ? [params] : [])));
      replace(this.element, ...parts);
      this.filtersToggle.classList.add('hidden');
      this.addFilterButton.classList.add('hidden');
      this.focusKey(focused);
      return;
    }
    this.addFilterButton.classList.remove('hidden');
    if (form.mode === 'query') {
      const { hash, range } = keysOf(target);
      const pkType = typeOfKey(target, hash);
      const row2 = el('div', { class: 'form-row', id: 'key-condition' },
        focusable('pk', bind(textField(`${hash ?? '?'} = (${pkType}, ${typeHint(pkType)})`, form.pk, { id: 'pk', placeholder: 'partition key value', onEnter: run }), v => { form.pk = v; })),
      );
      if (range) {
        const skType = typeOfKey(target, range);
        const ops = [{ value: '', label: '(any sort key)' }, ...SORT_KEY_OPERATORS.filter(op => !(op === 'begins_with' && skType === 'N')).map(op => ({ value: op, label: op }))];
        row2.append(
          labelled(`${range} (${skType})`, focusable('sk-op', dropdown(ops, form.skOperator, v => { form.skOperator = v as SortKeyOperator | ''; this.render(); }, { id: 'sk-op', title: 'Sort key condition' }))),
        );
        if (form.skOperator) {
          row2.append(focusable('sk', bind(textField(form.skOperator === 'between' ? `from (${typeHint(skType)})` : `value (${typeHint(skType)})`, form.sk, { id: 'sk', onEnter: run }), v => { form.sk = v; })));
        }
        if (form.skOperator === 'between') {
          row2.append(focusable('sk2', bind(textField(`to (${typeHint(skType)})`, form.sk2, { id: 'sk2', onEnter: run }), v => { form.sk2 = v; })));
        }
      }
      row2.append(focusable('descending', checkbox('Descending', form.descending, c => { form.descending = c; }, 'descending')));
      parts.push(row2);
    }
    const filters = el('div', { class: 'filters', id: 'filters', role: 'group', attrs: { 'aria-label': 'Filters' } }, ...form.filters.map((f, i) => this.filterRow(f, i)));
    filters.classList.toggle('hidden', !filtersShown);
    parts.push(filters);
    if (!filtersShown && form.filters.length) {
      parts.push(el('p', { class: 'note filters-summary', id: 'filters-summary' }, `${form.filters.length} ${form.filters.length === 1 ? 'filter applies' : 'filters apply'} (hidden): ${form.filters.map(filterWords).join(' and ')}`));
    }
    const toggle = this.filtersToggle;
    toggle.classList.toggle('hidden', form.filters.length === 0);
    toggle.textContent = filtersShown ? 'Hide filters' : `Show filters (${form.filters.length})`;
    toggle.setAttribute('aria-expanded', String(filtersShown));
    replace(this.element, ...parts);
    this.focusKey(focused);
  }

  private filterRow(f: FilterDraft, i: number): HTMLElement {
    const run = () => { this.run(); };
    const needsValue = f.operator !== 'attribute_exists' && f.operator !== 'attribute_not_exists';
    const row = el('div', { class: 'filter', dataset: { index: String(i) } },
      el('span', { class: 'conjunction' }, i === 0 ? 'where' : 'and'),
      focusable(`filter-${i}-path`, bind(textField('Attribute', f.path, { placeholder: 'name or a.b[0]', size: 14, onEnter: run }), v => { f.path = v; })),
      labelled('Operator', focusable(`filter-${i}-op`, dropdown(FILTER_OPERATORS.map(op => ({ value: op, label: op })), f.operator, v => { f.operator = v as FilterOperator; this.render(); }))),
    );
    if (needsValue && f.operator !== 'attribute_type') {
      row.append(labelled('Type', focusable(`filter-${i}-type`, dropdown(FILTER_TYPES.map(t => ({ value: t, label: t })), f.type, v => { f.type = v as TypedValue['type']; this.render(); }))));
    }
    if (needsValue && f.type !== 'NULL') {
      row.append(focusable(`filter-${i}-value`, bind(textField(f.operator === 'attribute_type' ? 'Type name (S, N, …)' : f.operator === 'between' ? 'From' : 'Value', f.value, { size: 14, onEnter: run }), v => { f.value = v; })));
    }
    if (f.operator === 'between') { row.append(focusable(`filter-${i}-value2`, bind(textField('To', f.value2, { size: 14, onEnter: run }), v => { f.value2 = v; }))); }
    row.append(focusable(`filter-${i}-remove`, button('Remove', () => { this.removeFilter(i); }, { title: `Remove filter ${i + 1}` })));
    return row;
  }

  /** The query of the form; throws with a message when the form is incomplete. */
  build(): ItemQuery {
    const { form } = this.state;
    const target = this.currentTarget();
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
    if (form.mode === 'partiql') { return { ...base, filters: [], mode: 'partiql', statement: form.statement, ...(form.parameters.length ? { parameters: form.parameters } : {}) }; }
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
}
