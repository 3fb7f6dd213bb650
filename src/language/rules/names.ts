/** Names: table-name, index-name, duplicate-table. */
import type { TableSpec } from '../../model/spec';
import type { Rule, RuleContext } from '../types';
import { NAME_CHARS, eachUsable, finding, fix, markValue, q, read, sanitizeName, usable } from './shared';

export const NAME_MIN = 3;
export const NAME_MAX = 255;

/** Why a table or index name is invalid, or undefined when it is valid. */
export function nameProblem(name: string): string | undefined {
  if (name.length < NAME_MIN) { return `is ${name.length} characters long`; }
  if (name.length > NAME_MAX) { return `is ${name.length} characters long`; }
  if (!NAME_CHARS.test(name)) {
    const bad = [...new Set(name.replace(/[A-Za-z0-9_.-]/g, ''))].map(c => q(c)).join(', ');
    return `contains ${bad}`;
  }
  return undefined;
}

const VALID = `${NAME_MIN} to ${NAME_MAX} of the characters A-Z a-z 0-9 _ - and dot`;

export const tableName: Rule = {
  id: 'table-name',
  severity: 'error',
  description: `A table name is ${VALID}.`,
  check(table, ctx) {
    const name = read(table.name, ctx);
    if (name.state !== 'ok') { return []; }
    const problem = nameProblem(name.value);
    if (!problem) { return []; }
    const better = sanitizeName(name.value);
    return [finding(this, markValue(name.pointer), `Table name ${q(name.value)} ${problem}: a table name is ${VALID}.`,
      [fix(`Rename to ${q(better)}`, [{ kind: 'replace', pointer: name.pointer, value: better }], true)])];
  },
};

/** A quick look for an index name that is invalid or used twice (most tables have none: no sets, no closures). */
function anyBadIndexName(table: TableSpec, ctx: RuleContext): boolean {
  if (table.globalSecondaryIndexes.length + table.localSecondaryIndexes.length > 32) { return true; }
  const names: string[] = [];
  for (const list of [table.globalSecondaryIndexes, table.localSecondaryIndexes]) {
    for (const index of list) {
      const name = read(index.name, ctx);
      if (name.state !== 'ok') { continue; }
      if (nameProblem(name.value) !== undefined || names.includes(name.value)) { return true; }
      names.push(name.value);
    }
  }
  return false;
}

export const indexName: Rule = {
  id: 'index-name',
  severity: 'error',
  description: `An index name is ${VALID}, unique within its table.`,
  check(table, ctx) {
    if (table.globalSecondaryIndexes.length + table.localSecondaryIndexes.length === 0) { return []; }
    if (!anyBadIndexName(table, ctx)) { return []; }
    const indexes = [...table.globalSecondaryIndexes, ...table.localSecondaryIndexes];
    const taken = new Set(indexes.map(i => usable(i.name, ctx)).filter((n): n is string => n !== undefined));
    const seen = new Set<string>();
    const unique = (base: string): string => {
      let candidate = base;
      for (let i = 2; taken.has(candidate); i++) { candidate = `${base.slice(0, NAME_MAX - String(i).length - 1)}-${i}`; }
      taken.add(candidate);
      return candidate;
    };
    return eachUsable(indexes, i => i.name, ctx, name => {
      const problem = nameProblem(name.value);
      const duplicate = seen.has(name.value);
      seen.add(name.value);
      if (!problem && !duplicate) { return undefined; }
      const better = unique(sanitizeName(name.value));
      const message = problem
        ? `Index name ${q(name.value)} ${problem}: an index name is ${VALID}.`
        : `Index name ${q(name.value)} is used twice in this table: index names are unique within a table.`;
      return finding(this, markValue(name.pointer), message,
        [fix(`Rename to ${q(better)}`, [{ kind: 'replace', pointer: name.pointer, value: better }], true)]);
    });
  },
};

/** The first table of each region and name of a file (region -> name -> table), computed once per analysis. */
const FIRST_BY_NAME = new WeakMap<readonly TableSpec[], Map<string, Map<string, TableSpec>>>();

function firstByName(ctx: RuleContext): Map<string, Map<string, TableSpec>> {
  let first = FIRST_BY_NAME.get(ctx.tables);
  if (!first) {
    first = new Map();
    for (const t of ctx.tables) {
      const name = usable(t.name, ctx);
      if (name === undefined) { continue; }
      const region = usable(t.region, ctx) ?? '';
      let byName = first.get(region);
      if (!byName) {
        byName = new Map();
        first.set(region, byName);
      }
      if (!byName.has(name)) { byName.set(name, t); }
    }
    FIRST_BY_NAME.set(ctx.tables, first);
  }
  return first;
}

export const duplicateTable: Rule = {
  id: 'duplicate-table',
  severity: 'error',
  description: 'A table name appears once per file and region.',
  check(table, ctx) {
    const name = read(table.name, ctx);
    if (name.state !== 'ok') { return []; }
    const region = usable(table.region, ctx);
    const earlier = firstByName(ctx).get(region ?? '')?.get(name.value);
    if (earlier === undefined || earlier === table) { return []; }
    return [finding(this, markValue(name.pointer),
      `Table ${q(name.value)} is already defined in this file${region ? ` for region ${q(region)}` : ''}: a table name appears once per file and region.`)];
  },
};

export const NAME_RULES: readonly Rule[] = [tableName, indexName, duplicateTable];
