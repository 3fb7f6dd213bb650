/**
 * Advice (hint severity; the service skips them when advice is off): not-applied,
 * low-cardinality-partition-key, pitr-disabled.
 */
import type { Dialect, TableSpec } from '../../model/spec';
import { vocabulary } from '../dialects/registry';
import { snakeCase, type UnmanagedKey } from '../dialects/vocabulary';
import type { Finding, Rule, RuleContext } from '../types';
import { HINT, Writer, blockAt, elementsOf, finding, missing, fix, markKey, markValue, q, read, tableMark, usable } from './shared';

/**
 * Keys of a table entry that the dialect's schema knows but preview/apply does not manage (the
 * vocabulary's `unmanaged`, with the snake_case names of a dialect that accepts them). The
 * component dialect documents all kinds; planton only monitoring; genesys none.
 */
export function unmanagedKeys(dialect: Dialect): UnmanagedKey[] {
  const V = vocabulary(dialect);
  const keys = V.unmanaged ?? [];
  return V.snakeCaseAliases ? [...keys, ...keys.map(u => ({ ...u, key: snakeCase(u.key) }))] : [...keys];
}

export const notApplied: Rule = {
  id: 'not-applied',
  severity: HINT,
  description: 'Settings that preview/apply does not manage (DAX, auto scaling, backup plans, global tables, monitoring) are informational.',
  check(table, ctx) {
    const entry = blockAt(ctx, table.pointer);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) { return []; }
    const findings: Finding[] = [];
    for (const u of unmanagedKeys(table.dialect)) {
      if (!Object.prototype.hasOwnProperty.call(entry, u.key)) { continue; }
      const pointer = `${table.pointer}/${u.key}`;
      if (ctx.invalidPointers.has(pointer)) { continue; }
      findings.push(finding(this, markKey(pointer),
        `${u.key} (${u.kind}: ${u.what}) is informational: preview and apply do not manage it, so it is not applied to the table.${u.note ? ` ${u.note}` : ''}`));
    }
    return findings;
  },
};

/** Words in a key name that suggest few distinct values. */
export const LOW_CARDINALITY_WORDS: ReadonlySet<string> = new Set([
  'status', 'state', 'type', 'kind', 'category', 'class', 'date', 'day', 'month', 'year', 'gender', 'sex',
  'country', 'region', 'locale', 'language', 'lang', 'flag', 'enabled', 'active', 'deleted', 'bool', 'boolean',
  'level', 'priority', 'tier', 'color', 'colour', 'role', 'stage', 'env', 'environment', 'grade', 'rating',
]);

/** `orderStatus`, `order_status`, `Order-Status` -> ['order', 'status']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(w => w.length > 0)
    .map(w => w.toLowerCase());
}

/** The low-cardinality word of a key name, per name once (a file repeats its key names table after table). */
const WORD_OF = new Map<string, string | undefined>();

function lowCardinalityWord(name: string): string | undefined {
  if (WORD_OF.has(name)) { return WORD_OF.get(name); }
  const word = nameWords(name).find(w => LOW_CARDINALITY_WORDS.has(w));
  if (WORD_OF.size >= 10_000) { WORD_OF.clear(); }
  WORD_OF.set(name, word);
  return word;
}

export const lowCardinalityPartitionKey: Rule = {
  id: 'low-cardinality-partition-key',
  severity: HINT,
  description: "The table's partition key name does not suggest a low-cardinality value (status, type, date, ...).",
  check(table, ctx) {
    const hashes = elementsOf(table.keySchema, 'HASH', ctx);
    if (hashes.length !== 1) { return []; }
    const name = read(hashes[0].name, ctx);
    if (name.state !== 'ok') { return []; }
    const word = lowCardinalityWord(name.value);
    if (!word) { return []; }
    return [finding(this, markValue(name.pointer),
      `Partition key ${q(name.value)} suggests a low-cardinality value (${q(word)}): few distinct values put the traffic on few partitions. Prefer a key with many distinct values (an id), or add a suffix to spread writes.`)];
  },
};

/** Tag keys naming the environment, and the values that mean production. */
const ENV_TAGS = new Set(['environment', 'env', 'stage']);
const PROD_VALUES = new Set(['prod', 'production']);

export function productionTag(table: TableSpec, ctx: RuleContext): { key: string; value: string } | undefined {
  for (const t of table.tags) {
    const v = usable(t.value, ctx);
    if (v !== undefined && ENV_TAGS.has(t.key.toLowerCase()) && PROD_VALUES.has(v.trim().toLowerCase())) { return { key: t.key, value: v }; }
  }
  return undefined;
}

export const pitrDisabled: Rule = {
  id: 'pitr-disabled',
  severity: HINT,
  description: 'A table tagged as production has point-in-time recovery on.',
  check(table, ctx) {
    const tag = productionTag(table, ctx);
    if (!tag) { return []; }
    const pitr = read(table.pointInTimeRecovery, ctx);
    if (pitr.state === 'invalid' || (pitr.state === 'ok' && pitr.value)) { return []; }
    const w = new Writer(ctx, table);
    // CloudFormation nests the switch: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled.
    const block = w.v.pitrBlock;
    const key = block ? `${block}.${w.v.pitr}` : w.key(w.v.pitr);
    const change = w.set(w.tablePlace(block, 'table'), [[w.v.pitr, true]]);
    return [missing(finding(this, pitr.state === 'ok' ? markValue(pitr.pointer) : tableMark(table),
      `The table is tagged ${tag.key} = ${q(tag.value)} but point-in-time recovery is ${pitr.state === 'ok' ? 'off' : 'not set (off)'}: set ${key} = true to restore to any second of the last 35 days.`,
      [fix(`Set ${key} = true`, change, true)]), pitr.state === 'absent')];
  },
};

export const ADVICE_RULES: readonly Rule[] = [notApplied, lowCardinalityPartitionKey, pitrDisabled];
