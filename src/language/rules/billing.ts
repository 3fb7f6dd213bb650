/**
 * Billing mode and throughput: billing-mode-required, provisioned-throughput-required,
 * throughput-without-provisioned, gsi-throughput-matches-billing.
 */
import type { IndexSpec, TableSpec, ThroughputSpec } from '../../model/spec';
import type { Finding, FixIntent, Rule, RuleContext } from '../types';
import {
  type Mark, type Place, Writer, billingMode, blockMark, finding, missing, fix, indexMark, markKey, markValue, q, read,
  tableMark, usable,
} from './shared';

/** Capacity units a fix writes when it has nothing better. */
export const DEFAULT_UNITS = 5;

type Units = { readonly read: number; readonly write: number };

function tableUnits(table: TableSpec, ctx: RuleContext): Units {
  const r = usable(table.throughput?.read, ctx);
  const w = usable(table.throughput?.write, ctx);
  return { read: r !== undefined && r > 0 ? r : DEFAULT_UNITS, write: w !== undefined && w > 0 ? w : DEFAULT_UNITS };
}

/** Units absent or not > 0 (a value the schema reports is left alone). */
function missingUnits(tp: ThroughputSpec | undefined, ctx: RuleContext): ('read' | 'write')[] {
  const out: ('read' | 'write')[] = [];
  for (const side of ['read', 'write'] as const) {
    const r = read(tp?.[side], ctx);
    if (r.state === 'absent' || (r.state === 'ok' && r.value <= 0)) { out.push(side); }
  }
  return out;
}

function throughputPlace(w: Writer, index?: IndexSpec): Place {
  return index ? w.indexPlace(index, w.v.throughput.block, 'throughput') : w.tablePlace(w.v.throughput.block, 'throughput');
}

function unitKey(w: Writer, side: 'read' | 'write'): string {
  return side === 'read' ? w.v.throughput.read : w.v.throughput.write;
}

/** Fill the given units of the table (or an index) with `units`. */
function fillUnits(w: Writer, sides: readonly ('read' | 'write')[], units: Units, index?: IndexSpec): FixIntent[] {
  if (sides.length === 0) { return []; }
  return w.set(throughputPlace(w, index), sides.map(s => [unitKey(w, s), units[s]] as const));
}

/** Everything PROVISIONED needs that is missing: table units, then each GSI's (the table's units). */
function provisionChanges(w: Writer, table: TableSpec, ctx: RuleContext): FixIntent[] {
  const units = tableUnits(table, ctx);
  const changes = fillUnits(w, missingUnits(table.throughput, ctx), { read: DEFAULT_UNITS, write: DEFAULT_UNITS });
  for (const gsi of table.globalSecondaryIndexes) {
    changes.push(...fillUnits(w, missingUnits(gsi.throughput, ctx), units, gsi));
  }
  return changes;
}

function hasAnyUnits(tp: ThroughputSpec | undefined): boolean {
  return tp !== undefined && (tp.read !== undefined || tp.write !== undefined);
}

/** Remove every throughput of the table and its GSIs (what PAY_PER_REQUEST needs). */
function removeAllThroughput(w: Writer, table: TableSpec): FixIntent[] {
  const keys = [w.v.throughput.read, w.v.throughput.write];
  const changes: FixIntent[] = [];
  if (hasAnyUnits(table.throughput)) { changes.push(...w.remove(throughputPlace(w), keys)); }
  for (const gsi of table.globalSecondaryIndexes) {
    if (hasAnyUnits(gsi.throughput)) { changes.push(...w.remove(throughputPlace(w, gsi), keys)); }
  }
  return changes;
}

function setBillingMode(w: Writer, mode: 'PAY_PER_REQUEST' | 'PROVISIONED'): FixIntent[] {
  return w.set(w.tablePlace(undefined, 'table'), [[w.v.billingMode, w.enc('billingMode', mode)]]);
}

export const billingModeRequired: Rule = {
  id: 'billing-mode-required',
  severity: 'error',
  description: 'The table sets its billing mode (PAY_PER_REQUEST or PROVISIONED with throughput).',
  // A dialect with a default billing mode (component: PROVISIONED) needs none.
  appliesTo: d => d.defaults?.billingMode === undefined,
  check(table, ctx) {
    if (read(table.billingMode, ctx).state !== 'absent') { return []; }
    const w = new Writer(ctx, table);
    const ppr = w.enc('billingMode', 'PAY_PER_REQUEST');
    const prov = w.enc('billingMode', 'PROVISIONED');
    return [missing(finding(this, tableMark(table),
      `The table has no ${w.key(w.v.billingMode)}: set it to ${q(ppr)} or ${q(prov)} (with read and write capacity units).`,
      () => {
        const hasThroughput = hasAnyUnits(table.throughput) || table.globalSecondaryIndexes.some(g => hasAnyUnits(g.throughput));
        const removal = removeAllThroughput(w, table);
        return [
          fix(removal.length > 0 ? `Insert ${w.key(w.v.billingMode)} = ${ppr} and remove the throughput` : `Insert ${w.key(w.v.billingMode)} = ${ppr}`,
            [...setBillingMode(w, 'PAY_PER_REQUEST'), ...removal], !hasThroughput),
          fix(`Insert ${w.key(w.v.billingMode)} = ${prov} with throughput`,
            [...setBillingMode(w, 'PROVISIONED'), ...provisionChanges(w, table, ctx)], hasThroughput),
        ];
      }))];
  },
};

function describeMissing(w: Writer, tp: ThroughputSpec | undefined, sides: readonly ('read' | 'write')[], ctx: RuleContext): string {
  return sides.map(s => {
    const r = read(tp?.[s], ctx);
    return r.state === 'ok' ? `${w.key(unitKey(w, s))} is ${r.value}` : `${w.key(unitKey(w, s))} is missing`;
  }).join(', ');
}

/** Mark a unit with a bad value, else the throughput block's key, else `fallback`. */
function unitsMark(ctx: RuleContext, tp: ThroughputSpec | undefined, sides: readonly ('read' | 'write')[], fallback: Mark): Mark {
  for (const s of sides) {
    const f = tp?.[s];
    if (f) { return markValue(f.pointer); }
  }
  return tp ? blockMark(ctx, tp.pointer, fallback) : fallback;
}

export const provisionedThroughputRequired: Rule = {
  id: 'provisioned-throughput-required',
  severity: 'error',
  description: 'PROVISIONED billing has read and write capacity units greater than 0.',
  check(table, ctx) {
    if (billingMode(table, ctx) !== 'PROVISIONED') { return []; }
    const sides = missingUnits(table.throughput, ctx);
    if (sides.length === 0) { return []; }
    const w = new Writer(ctx, table);
    const implicit = read(table.billingMode, ctx).state === 'absent';
    const mode = implicit ? `No ${w.key(w.v.billingMode)} means PROVISIONED, which` : `Billing mode ${w.enc('billingMode', 'PROVISIONED')}`;
    const absent = implicit || sides.some(s => read(table.throughput?.[s], ctx).state === 'absent');
    return [missing(finding(this, unitsMark(ctx, table.throughput, sides, tableMark(table)),
      `${mode} needs read and write capacity units > 0: ${describeMissing(w, table.throughput, sides, ctx)}.`,
      () => [
        fix(`Set ${sides.map(s => w.key(unitKey(w, s))).join(' and ')} to ${DEFAULT_UNITS}`,
          fillUnits(w, sides, { read: DEFAULT_UNITS, write: DEFAULT_UNITS }), true),
        fix(`Switch to ${w.enc('billingMode', 'PAY_PER_REQUEST')}`,
          [...setBillingMode(w, 'PAY_PER_REQUEST'), ...removeAllThroughput(w, table)]),
      ]), absent)];
  },
};

export const throughputWithoutProvisioned: Rule = {
  id: 'throughput-without-provisioned',
  severity: 'error',
  description: 'PAY_PER_REQUEST billing has no nonzero throughput on the table or its GSIs.',
  check(table, ctx) {
    if (billingMode(table, ctx) !== 'PAY_PER_REQUEST') { return []; }
    const w = new Writer(ctx, table);
    const findings: Finding[] = [];
    const holders: { tp?: ThroughputSpec; index?: IndexSpec }[] = [
      { tp: table.throughput },
      ...table.globalSecondaryIndexes.map(index => ({ tp: index.throughput, index })),
    ];
    for (const { tp, index } of holders) {
      const nonzero = (['read', 'write'] as const).filter(s => { const u = usable(tp?.[s], ctx); return u !== undefined && u !== 0; });
      if (!tp || nonzero.length === 0) { continue; }
      const place = throughputPlace(w, index);
      const blockPointer = place.block ? w.existing(place.owner, place.block) : undefined;
      const mark = blockPointer !== undefined ? markKey(blockPointer) : markKey((tp[nonzero[0]])!.pointer);
      const where = index ? `index ${q(usable(index.name, ctx) ?? '?')}` : 'the table';
      findings.push(finding(this, mark,
        `Billing mode ${w.enc('billingMode', 'PAY_PER_REQUEST')} takes no throughput, but ${where} sets ${nonzero.map(s => `${w.key(unitKey(w, s))} = ${usable(tp[s], ctx)}`).join(', ')}: remove it, or use ${w.enc('billingMode', 'PROVISIONED')}.`,
        [
          fix('Remove the throughput', w.remove(place, [w.v.throughput.read, w.v.throughput.write]), true),
          fix(`Switch to ${w.enc('billingMode', 'PROVISIONED')}`, [...setBillingMode(w, 'PROVISIONED'), ...provisionChanges(w, table, ctx)]),
        ]));
    }
    return findings;
  },
};

export const gsiThroughputMatchesBilling: Rule = {
  id: 'gsi-throughput-matches-billing',
  severity: 'error',
  description: 'With PROVISIONED billing, each GSI has read and write capacity units greater than 0.',
  check(table, ctx) {
    if (table.globalSecondaryIndexes.length === 0 || billingMode(table, ctx) !== 'PROVISIONED') { return []; }
    const w = new Writer(ctx, table);
    const units = tableUnits(table, ctx);
    const findings: Finding[] = [];
    for (const gsi of table.globalSecondaryIndexes) {
      const sides = missingUnits(gsi.throughput, ctx);
      if (sides.length === 0) { continue; }
      const mark = unitsMark(ctx, gsi.throughput, sides, indexMark(gsi));
      const absent = read(table.billingMode, ctx).state === 'absent' || sides.some(s => read(gsi.throughput?.[s], ctx).state === 'absent');
      findings.push(missing(finding(this, mark,
        `Index ${q(usable(gsi.name, ctx) ?? '?')} of a ${w.enc('billingMode', 'PROVISIONED')} table needs read and write capacity units > 0: ${describeMissing(w, gsi.throughput, sides, ctx)}.`,
        [fix(`Insert the table's units (${units.read}/${units.write})`, fillUnits(w, sides, units, gsi), true)]), absent));
    }
    return findings;
  },
};

export const BILLING_RULES: readonly Rule[] = [
  billingModeRequired, provisionedThroughputRequired, throughputWithoutProvisioned, gsiThroughputMatchesBilling,
];
