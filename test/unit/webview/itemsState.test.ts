/**
 * The item browser's state (webview/items/state.ts): what the webview saves for a window reload
 * is derived from the one state object the parts share.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { initialState, isOpen, panelState, sameKey, selectedKey } from '../../../webview/items/state';
import type { ItemQuery, ItemsInit, PageView } from '../../../webview/protocol';
import { parsePanelState } from '../../../webview/protocol';

const target = { connectionId: 'local', connectionLabel: 'Local', region: 'us-east-1', tableName: 'T' };
const init: ItemsInit = { target, location: 'Local · us-east-1', tableName: 'T', targets: [], pageSize: 100, maxColumns: 8 };
const query: ItemQuery = { mode: 'scan', filters: [], pageSize: 100 };
const a = { pk: { S: 'a' }, sk: { N: '1' } };
const b = { pk: { S: 'b' }, sk: { N: '2' } };
const page: PageView = {
  pageNumber: 2, hasNext: true, hasPrevious: true, lastEvaluatedKey: b, columns: ['pk', 'sk'], keyColumns: ['pk', 'sk'],
  rows: [{ key: a, cells: [null, null], hidden: 0 }, { key: b, cells: [null, null], hidden: 0 }],
  scannedCount: 2, count: 2, requests: 1, query, starts: [null, a],
};

describe('item browser state', () => {
  it('saves nothing before the host said what the panel shows', () => {
    assert.equal(panelState(initialState()), undefined);
  });

  it('saves the query, the start keys of the page shown, the selected row and whether its item is open', () => {
    const state = { ...initialState(), init, page, lastQuery: query, selected: 1, openKey: { sk: { N: '2' }, pk: { S: 'b' } } };
    const saved = panelState(state);
    assert.deepEqual(saved, { v: 1, kind: 'items', target, query, starts: [null, a], selected: b, itemOpen: true });
    assert.equal(parsePanelState(saved).ok, true, 'what is saved is what a window reload accepts');
  });

  it('keeps the start keys only while the page shown is of the last query, and itemOpen only for the selected row', () => {
    const other: ItemQuery = { ...query, pageSize: 10 };
    const state = { ...initialState(), init, page, lastQuery: other, selected: 0, openKey: b };
    assert.deepEqual(panelState(state), { v: 1, kind: 'items', target, query: other, selected: a });
    assert.deepEqual(panelState({ ...state, selected: -1 }), { v: 1, kind: 'items', target, query: other });
  });

  it('compares keys whatever the attribute order', () => {
    assert.equal(sameKey(a, { sk: { N: '1' }, pk: { S: 'a' } }), true);
    assert.equal(sameKey(a, b), false);
    const state = { ...initialState(), page, selected: 0, openKey: a };
    assert.deepEqual(selectedKey(state), a);
    assert.equal(isOpen(state, a), true);
    assert.equal(isOpen(state, b), false);
    assert.equal(isOpen({ ...state, openKey: undefined }, a), false);
    assert.equal(selectedKey({ ...state, selected: 5 }), undefined);
  });
});
