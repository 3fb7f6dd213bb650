/**
 * Streams and time to live: stream-view-type, ttl-attribute, ttl-attribute-type.
 *
 * A missing `enabled` means disabled in the flat and manifest dialects (their defaults); in the
 * component dialect (CloudFormation style) the block's own required keys are the schema's, so
 * these rules stay silent there until `enabled` is given.
 */
import { dialectOf } from '../dialects/registry';
import type { Finding, Rule } from '../types';
import { Writer, finding, fix, markKey, markValue, missing, q, read, usable } from './shared';

export const STREAM_FIX_VIEW_TYPE = 'NEW_AND_OLD_IMAGES';

/** true / false, or undefined when the rule must stay silent. */
function enabledState(dialect: string, r: ReturnType<typeof read<boolean>>): boolean | undefined {
  if (r.state === 'ok') { return r.value; }
  if (r.state === 'absent') { return dialectOf(dialect).defaults?.enabled; }
  return undefined;
}

export const streamViewType: Rule = {
  id: 'stream-view-type',
  severity: 'error',
  description: 'Enabled streams set a view type; disabled streams set none.',
  check(table, ctx) {
    const s = table.stream;
    if (!s) { return []; }
    const enabledRead = read(s.enabled, ctx);
    const enabled = enabledState(table.dialect, enabledRead);
    const view = read(s.viewType, ctx);
    if (enabled === undefined || view.state === 'invalid') { return []; }
    const w = new Writer(ctx, table);
    const place = w.tablePlace(w.v.stream.block, 'stream');
    const viewKey = w.key(w.v.stream.viewType);
    const enabledKey = w.key(w.v.stream.enabled);
    const values = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'].map(v => w.enc('streamViewType', v)).join(', ');
    if (enabled && view.state === 'absent' && enabledRead.state === 'ok') {
      const value = w.enc('streamViewType', STREAM_FIX_VIEW_TYPE);
      return [missing(finding(this, markValue(enabledRead.pointer),
        `Streams are enabled but ${viewKey} is not set: set it to one of ${values}.`,
        [fix(`Insert ${viewKey} = ${value}`, w.set(place, [[w.v.stream.viewType, value]]), true)]))];
    }
    if (!enabled && view.state === 'ok') {
      return [missing(finding(this, markKey(view.pointer),
        `${viewKey} is ${q(w.enc('streamViewType', view.value))} but streams are not enabled (${enabledKey} is ${enabledRead.state === 'ok' ? 'false' : 'not set'}): remove the view type or enable streams.`,
        [
          fix(`Remove ${viewKey}`, [{ kind: 'delete', pointer: view.pointer }], true),
          fix(`Enable streams (${enabledKey} = true)`, w.set(place, [[w.v.stream.enabled, true]])),
        ]), enabledRead.state === 'absent')];
    }
    return [];
  },
};

export const ttlAttribute: Rule = {
  id: 'ttl-attribute',
  severity: 'error',
  description: 'Enabled TTL names its attribute; disabled TTL names none.',
  check(table, ctx) {
    const t = table.ttl;
    if (!t) { return []; }
    const enabledRead = read(t.enabled, ctx);
    const enabled = enabledState(table.dialect, enabledRead);
    const attr = read(t.attributeName, ctx);
    if (enabled === undefined || attr.state === 'invalid') { return []; }
    const w = new Writer(ctx, table);
    const place = w.tablePlace(w.v.ttl.block, 'ttl');
    const attrKey = w.key(w.v.ttl.attributeName);
    const enabledKey = w.key(w.v.ttl.enabled);
    const blank = attr.state === 'absent' || attr.value.trim() === '';
    if (enabled && blank && enabledRead.state === 'ok') {
      const name = w.v.ttlDefaultAttribute;
      return [missing(finding(this, attr.state === 'ok' ? markValue(attr.pointer) : markValue(enabledRead.pointer),
        `TTL is enabled but ${attrKey} is ${attr.state === 'ok' ? 'empty' : 'not set'}: name the Number attribute holding the expiry time (epoch seconds).`,
        [fix(`Set ${attrKey} = "${name}"`, w.set(place, [[w.v.ttl.attributeName, name]]), true)]), attr.state === 'absent')];
    }
    if (!enabled && !blank && attr.state === 'ok') {
      return [missing(finding(this, markKey(attr.pointer),
        `${attrKey} is ${q(attr.value)} but TTL is not enabled (${enabledKey} is ${enabledRead.state === 'ok' ? 'false' : 'not set'}): remove the attribute name or enable TTL.`,
        [
          fix(`Remove ${attrKey}`, [{ kind: 'delete', pointer: attr.pointer }], true),
          fix(`Enable TTL (${enabledKey} = true)`, w.set(place, [[w.v.ttl.enabled, true]])),
        ]), enabledRead.state === 'absent')];
    }
    return [];
  },
};

export const ttlAttributeType: Rule = {
  id: 'ttl-attribute-type',
  severity: 'error',
  description: 'The TTL attribute, if defined, is of type N.',
  check(table, ctx) {
    const name = usable(table.ttl?.attributeName, ctx);
    if (!name) { return []; }
    const w = new Writer(ctx, table);
    const findings: Finding[] = [];
    for (const a of table.attributes) {
      if (usable(a.name, ctx) !== name) { continue; }
      const type = read(a.type, ctx);
      if (type.state !== 'ok' || type.value === 'N') { continue; }
      const n = w.enc('attributeType', 'N');
      findings.push(finding(this, markValue(type.pointer),
        `TTL attribute ${q(name)} is defined as ${q(w.enc('attributeType', type.value))}; TTL needs a Number: ${q(n)}.`,
        [fix(`Change the type to ${n}`, [{ kind: 'replace', pointer: type.pointer, value: n }], true)]));
    }
    return findings;
  },
};

export const STREAM_TTL_RULES: readonly Rule[] = [streamViewType, ttlAttribute, ttlAttributeType];
