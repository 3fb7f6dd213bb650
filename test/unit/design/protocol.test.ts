/** The design view's messages: declared once in the protocol, checked like every other message. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseFromWebview, parsePanelState, VIEW_TYPES } from '../../../webview/protocol';

const target = { connectionId: 'config', connectionLabel: 'shop.yaml', region: '', tableName: 'my-service-table', configUri: 'file:///w/shop.yaml' };

describe('design view protocol', () => {
  it('accepts its requests and refuses a language it does not generate or a stray field', () => {
    assert.ok(parseFromWebview({ type: 'request', id: 1, method: 'design.load', params: {} }).ok);
    assert.ok(parseFromWebview({ type: 'request', id: 2, method: 'design.generateCode', params: { language: 'python' } }).ok);
    const bad = parseFromWebview({ type: 'request', id: 3, method: 'design.generateCode', params: { language: 'cobol' } });
    assert.deepEqual(bad, { ok: false, reason: '$.params.language: expected one of typescript, python' });
    assert.equal(parseFromWebview({ type: 'request', id: 4, method: 'design.exportMarkdown', params: { path: '/etc/passwd' } }).ok, false);
  });

  it('keeps a config design view\'s target in the panel state (a window reload brings it back)', () => {
    assert.equal(VIEW_TYPES.design, 'dynamodbDesigner.designView');
    assert.ok(parsePanelState({ v: 1, kind: 'design', target }).ok);
    assert.equal(parsePanelState({ v: 1, kind: 'design', target: { ...target, configUri: 7 } }).ok, false);
  });
});
