/**
 * Streams and time to live: stream-view-type, ttl-attribute, ttl-attribute-type.
 *
 * A missing `enabled` means disabled in the flat and manifest dialects (their defaults); in the
 * component dialect (CloudFormation style) the block's own required keys are the schema's, so
 * these rules stay silent there until `enabled` is given.
 */
import type { Field } from '../../model/spec';
import { dialectOf } from '../dialects/registry';
import type { Rule } from '../types';
import { type Read, Writer, eachUsable, finding, fix, markKey, markValue, missing, q, read, usable } from './shared';

export const STREAM_FIX_VIEW_TYPE = 'NEW_AND_OLD_IMAGES';

/** true / false, or undefined when the rule must stay silent. */
function enabledState(dialect: string, r: ReturnType<typeof read<boolean>>): boolean | undefined {
  if (r.state === 'ok') { return r.value; }
  if (r.state === 'absent') { return dialectOf(dialect).defaults?.enabled; }
  return undefined;
}

/**
 * The blocks whose setting goes with an `enabled` flag, and that setting's name: the same name in
 * the TableSpec's block and in the vocabulary's (`stream.viewType`, `ttl.attributeName`).
 */
const SETTING = { stream: 'viewType', ttl: 'attributeName' } as const;

type PairPlace = keyof typeof SETTING;

/** The setting of a place's block, in the TableSpec or in the vocabulary. */
function settingOf<T>(block: object, place: PairPlace): T | undefined {
  return (block as Readonly<Record<string, T | undefined>>)[SETTING[place]];
}

/** What a setting that goes with an `enabled` flag says in its findings (a stream's view type, TTL's attribute). */
interface EnabledPair {
  readonly id: string;
  readonly description: string;
  /** The block that holds the flag and the setting (flat in the table where the vocabulary names no block). */
  readonly place: PairPlace;
  /** The feature, in words (`streams`, `TTL`), and how it says it is off. */
  readonly what: string;
  readonly off: string;
  /** Whether the setting counts as not given. */
  blank(value: Read<string>): boolean;
  /** Enabled but not given: the message and the value the fix writes. */
  whenMissing(w: Writer, value: Read<string>, key: string): { readonly message: string; readonly value: string; readonly title: string };
  /** Given while disabled: the setting as the message shows it, and what removing it is called. */
  whenDisabled(w: Writer, value: string, key: string): { readonly shown: string; readonly remedy: string };
}

/** Required when enabled, refused when not; silent where the dialect gives no default for a missing flag. */
function enabledPairRule(pair: EnabledPair): Rule {
  return {
    id: pair.id,
    severity: 'error',
    description: pair.description,
    check(table, ctx) {
      const block = table[pair.place];
      if (!block) { return []; }
      const enabledRead = read(block.enabled, ctx);
      const enabled = enabledState(table.dialect, enabledRead);
      const value = read(settingOf<Field<string>>(block, pair.place), ctx);
      if (enabled === undefined || value.state === 'invalid') { return []; }
      const w = new Writer(ctx, table);
      const names = w.v[pair.place];
      const valueName = settingOf<string>(names, pair.place) ?? SETTING[pair.place];
      const place = w.tablePlace(names.block, pair.place);
      const valueKey = w.key(valueName);
      const enabledKey = w.key(names.enabled);
      if (enabled && pair.blank(value) && enabledRead.state === 'ok') {
        const m = pair.whenMissing(w, value, valueKey);
        return [missing(finding(this, value.state === 'ok' ? markValue(value.pointer) : markValue(enabledRead.pointer), m.message,
          () => [fix(m.title, w.set(place, [[valueName, m.value]]), true)]), value.state === 'absent')];
      }
      if (!enabled && !pair.blank(value) && value.state === 'ok') {
        const d = pair.whenDisabled(w, value.value, valueKey);
        return [missing(finding(this, markKey(value.pointer),
          `${valueKey} is ${d.shown} but ${pair.off} (${enabledKey} is ${enabledRead.state === 'ok' ? 'false' : 'not set'}): remove ${d.remedy} or enable ${pair.what}.`,
          [
            fix(`Remove ${valueKey}`, [{ kind: 'delete', pointer: value.pointer }], true),
            fix(`Enable ${pair.what} (${enabledKey} = true)`, w.set(place, [[names.enabled, true]])),
          ]), enabledRead.state === 'absent')];
      }
      return [];
    },
  };
}

export const streamViewType = enabledPairRule({
  id: 'stream-view-type',
  description: 'Enabled streams set a view type; disabled streams set none.',
  place: 'stream',
  what: 'streams',
  off: 'streams are not enabled',
  blank: value => value.state === 'absent',
  whenMissing: (w, _value, key) => {
    const values = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'].map(v => w.enc('streamViewType', v)).join(', ');
    const value = w.enc('streamViewType', STREAM_FIX_VIEW_TYPE);
    return { message: `Streams are enabled but ${key} is not set: set it to one of ${values}.`, value, title: `Insert ${key} = ${value}` };
  },
  whenDisabled: (w, value) => ({ shown: q(w.enc('streamViewType', value)), remedy: 'the view type' }),
});

export const ttlAttribute = enabledPairRule({
  id: 'ttl-attribute',
  description: 'Enabled TTL names its attribute; disabled TTL names none.',
  place: 'ttl',
  what: 'TTL',
  off: 'TTL is not enabled',
  blank: value => value.state === 'absent' || (value.state === 'ok' && value.value.trim() === ''),
  whenMissing: (w, value, key) => ({
    message: `TTL is enabled but ${key} is ${value.state === 'ok' ? 'empty' : 'not set'}: name the Number attribute holding the expiry time (epoch seconds).`,
    value: w.v.ttlDefaultAttribute,
    title: `Set ${key} = "${w.v.ttlDefaultAttribute}"`,
  }),
  whenDisabled: (_w, value) => ({ shown: q(value), remedy: 'the attribute name' }),
});

export const ttlAttributeType: Rule = {
  id: 'ttl-attribute-type',
  severity: 'error',
  description: 'The TTL attribute, if defined, is of type N.',
  check(table, ctx) {
    const name = usable(table.ttl?.attributeName, ctx);
    if (!name) { return []; }
    const w = new Writer(ctx, table);
    return eachUsable(table.attributes.filter(a => usable(a.name, ctx) === name), a => a.type, ctx, type => {
      if (type.value === 'N') { return undefined; }
      const n = w.enc('attributeType', 'N');
      return finding(this, markValue(type.pointer),
        `TTL attribute ${q(name)} is defined as ${q(w.enc('attributeType', type.value))}; TTL needs a Number: ${q(n)}.`,
        [fix(`Change the type to ${n}`, [{ kind: 'replace', pointer: type.pointer, value: n }], true)]);
    });
  },
};

export const STREAM_TTL_RULES: readonly Rule[] = [streamViewType, ttlAttribute, ttlAttributeType];
