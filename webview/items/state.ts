/**
 * The item browser's state: one object, created by main.ts and handed to the parts (form, grid,
 * pane) that read and change it. Pure: no DOM; what the panel keeps across a window reload is
 * derived from it here (`panelState`).
 */
import type { FilterOperator, JsonAttributeValue, JsonItem, SortKeyOperator, TypedValue } from '../../src/model/items';
import type { ExportFormatName, ItemQuery, ItemsInit, PageView, PanelState } from '../protocol';

/** A filter row of the form, as typed. */
export interface FilterDraft { path: string; operator: FilterOperator; type: TypedValue['type']; value: string; value2: string }

/** The query form, as typed. */
export interface Form {
  index: string; // '' = the table
  mode: 'scan' | 'query' | 'partiql';
  pk: string;
  skOperator: SortKeyOperator | '';
  sk: string;
  sk2: string;
  descending: boolean;
  pageSize: number;
  filters: FilterDraft[];
  /** The PartiQL statement shown (run from an editor, the history or a saved query), and its parameters. */
  statement: string;
  parameters: JsonAttributeValue[];
}

export interface ItemsState {
  /** What the host said the panel shows (absent until items.init answered). */
  init: ItemsInit | undefined;
  /** The page shown. */
  page: PageView | undefined;
  /** The query being read or shown last (saved in the state). */
  lastQuery: ItemQuery | undefined;
  /** The selected row of the page, -1 for none. */
  selected: number;
  /** The key of the item shown in the item pane, if any. */
  openKey: JsonItem | undefined;
  /** A page is being read (or an item deleted): the actions wait. */
  reading: boolean;
  form: Form;
  /** Whether the filter rows are shown (they fold away to leave room for the grid). */
  filtersShown: boolean;
  exportFormat: ExportFormatName;
  /** A target to browse asked for before the panel had opened (it was hidden: the ask came first). */
  pendingBrowse: { readonly index?: string } | undefined;
}

export function initialState(): ItemsState {
  return {
    init: undefined, page: undefined, lastQuery: undefined, selected: -1, openKey: undefined, reading: false,
    form: { index: '', mode: 'scan', pk: '', skOperator: '', sk: '', sk2: '', descending: false, pageSize: 100, filters: [], statement: '', parameters: [] },
    filtersShown: true, exportFormat: 'jsonl', pendingBrowse: undefined,
  };
}

/** Same key? Attribute order does not matter. */
export function sameKey(a: JsonItem, b: JsonItem): boolean {
  const text = (k: JsonItem) => JSON.stringify(Object.keys(k).sort().map(n => [n, k[n]]));
  return text(a) === text(b);
}

/** The key of the selected row, if a row is selected. */
export function selectedKey(state: ItemsState): JsonItem | undefined {
  return state.page?.rows[state.selected]?.key;
}

/** True when the item of this key is the one open in the item pane. */
export function isOpen(state: ItemsState, key: JsonItem | undefined): boolean {
  return key !== undefined && state.openKey !== undefined && sameKey(key, state.openKey);
}

/** What the webview keeps with setState: the query, the page's start keys, the selection. */
export function panelState(state: ItemsState): PanelState | undefined {
  const { init, lastQuery, page } = state;
  if (!init) { return undefined; }
  const key = selectedKey(state);
  return {
    v: 1, kind: 'items', target: init.target,
    ...(lastQuery ? { query: lastQuery } : {}),
    ...(page && lastQuery === page.query ? { starts: page.starts } : {}),
    ...(key ? { selected: key } : {}),
    ...(isOpen(state, key) ? { itemOpen: true } : {}),
  };
}
