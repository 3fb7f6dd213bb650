/**
 * The design rules: the checks of src/design/checks.ts (entities, access patterns, key templates)
 * as rules of the catalogue, their fixes (point a pattern at an index that serves it, add a GSI
 * built for it) as FixIntents in the dialect's own keys. The design is read once per analysis
 * (`RuleContext.design`); each rule reports its own findings for each table.
 */
import { checkDesign } from '../../design/checks';
import type { DesignFinding, DesignFix, DesignRuleId } from '../../design/checks';
import { tableNameOf } from '../../design/read';
import type { DesignSpec } from '../../model/design';
import type { TableSpec } from '../../model/spec';
import { vocabulary } from '../dialects/registry';
import { encodeEnum } from '../dialects/vocabulary';
import { joinPointer } from '../sourcemap';
import type { Finding, Fix, FixIntent, Rule, RuleContext, Severity } from '../types';
import { billingMode, exists } from './shared';

const FOUND = new WeakMap<DesignSpec, DesignFinding[]>();

function findingsOf(design: DesignSpec, ctx: RuleContext): DesignFinding[] {
  let found = FOUND.get(design);
  if (!found) {
    found = checkDesign(design, ctx.designTables ?? ctx.tables);
    FOUND.set(design, found);
  }
  return found;
}

function patternIndexIntent(fix: DesignFix, index: string | undefined, ctx: RuleContext): FixIntent {
  const at = joinPointer(fix.pattern.pointer, 'index');
  if (index === undefined) { return { kind: 'delete', pointer: at }; }
  return exists(ctx, at) ? { kind: 'replace', pointer: at, value: index } : { kind: 'insert', parent: fix.pattern.pointer, key: 'index', value: index, after: ['name', 'operation'] };
}

/** The edits that add the proposed GSI (and its attribute definitions) to the table, in its dialect. */
function addGsiIntents(fix: Extract<DesignFix, { kind: 'addGsi' }>, table: TableSpec, ctx: RuleContext): FixIntent[] {
  const d = ctx.dialect;
  const V = vocabulary(d);
  const { gsi } = fix;
  const provisioned = billingMode(table, ctx) === 'PROVISIONED';
  const units = {
    read: table.throughput?.read?.valid ? table.throughput.read.value : 5,
    write: table.throughput?.write?.valid ? table.throughput.write.value : 5,
  };
  const out: FixIntent[] = [];
  const flat = V.flatKeys;
  if (flat) {
    // Flat key pairs (each index names its keys and their types itself).
    const value: Record<string, unknown> = {
      [V.gsi.name]: gsi.name, [flat.hashName]: gsi.hash.name, [flat.hashType]: gsi.hash.type,
      ...(gsi.range ? { [flat.rangeName]: gsi.range.name, [flat.rangeType]: gsi.range.type } : {}),
      [V.projection.type]: 'ALL',
      ...(provisioned ? { [V.throughput.read]: units.read, [V.throughput.write]: units.write } : {}),
    };
    out.push({ kind: 'insertElement', parent: joinPointer(table.pointer, V.gsi.list), value });
  } else if (V.keySchema && V.attributes && V.projection.block) {
    // Key schema lists, with the attribute definitions of the table.
    const ks = V.keySchema;
    const at = V.attributes;
    const defined = new Set(table.attributes.flatMap(a => (a.name.valid ? [a.name.value] : [])));
    for (const k of [gsi.hash, ...(gsi.range ? [gsi.range] : [])]) {
      if (defined.has(k.name)) { continue; }
      out.push({ kind: 'insertElement', parent: table.attributesPointer, value: { [at.name]: k.name, [at.type]: encodeEnum(V, 'attributeType', k.type) } });
    }
    const value: Record<string, unknown> = {
      [V.gsi.name]: gsi.name,
      [ks.list]: [
        { [ks.name]: gsi.hash.name, [ks.keyType]: encodeEnum(V, 'keyType', 'HASH') },
        ...(gsi.range ? [{ [ks.name]: gsi.range.name, [ks.keyType]: encodeEnum(V, 'keyType', 'RANGE') }] : []),
      ],
      [V.projection.block]: { [V.projection.type]: encodeEnum(V, 'projectionType', 'ALL') },
      ...(!provisioned ? {} : V.throughput.block
        ? { [V.throughput.block]: { [V.throughput.read]: units.read, [V.throughput.write]: units.write } }
        : { [V.throughput.read]: units.read, [V.throughput.write]: units.write }),
    };
    out.push({ kind: 'insertElement', parent: joinPointer(table.pointer, V.gsi.list), value });
  } else {
    return [];
  }
  if (fix.pattern.index !== gsi.name) { out.push(patternIndexIntent(fix, gsi.name, ctx)); }
  return out;
}

function toFix(f: DesignFix, table: TableSpec, ctx: RuleContext, first: boolean): Fix | undefined {
  if (f.kind === 'useIndex') {
    return { title: f.index === undefined ? `Query the table instead` : `Query index ${f.index} instead`, preferred: first, changes: [patternIndexIntent(f, f.index, ctx)] };
  }
  // A sidecar's table is in another file (the manifest): its GSIs are added there by hand.
  if (ctx.designTables) { return undefined; }
  const keys = `${f.gsi.hash.name} HASH${f.gsi.range ? `, ${f.gsi.range.name} RANGE` : ''}`;
  const changes = addGsiIntents(f, table, ctx);
  return changes.length ? { title: `Add GSI ${f.gsi.name} (${keys}) for ${JSON.stringify(f.pattern.name)}`, preferred: first, changes } : undefined;
}

function designRule(id: DesignRuleId, severity: Severity, description: string): Rule {
  return {
    id,
    severity,
    description,
    // Only dialects that say where a design lives (CloudFormation and Terraform have no place for one).
    appliesTo: d => d.design !== undefined,
    check(table: TableSpec, ctx: RuleContext): Finding[] {
      if (!ctx.design) { return []; }
      const found = findingsOf(ctx.design, ctx);
      if (found.length === 0) { return []; }
      const name = tableNameOf(table);
      const tables = ctx.designTables ?? ctx.tables;
      // Findings about a table the config does not define go with its first table.
      const own = (f: DesignFinding): boolean => f.table === name || (table === ctx.tables[0] && !tables.some(t => tableNameOf(t) === f.table));
      return found.filter(f => f.code === id && own(f)).map(f => {
        const fixes = (f.fixes ?? []).map((x, i) => toFix(x, table, ctx, i === 0)).filter((x): x is Fix => x !== undefined);
        return { code: f.code, severity: f.severity, message: f.message, pointer: f.pointer, target: f.target, ...(fixes.length ? { fixes } : {}) };
      });
    },
  };
}

export const designTableUnknown = designRule('design-table-unknown', 'error', 'An entity or access pattern names a table of the config.');
export const patternNeedsScan = designRule('pattern-needs-scan', 'error', 'An access pattern\'s key condition is served by its table or index: equality on every partition-key attribute, conditions only on its sort key (none on a hash-only index), and the index exists (quick-fix: query the index that serves it, or add a GSI built for it).');
export const patternGetFullKey = designRule('pattern-get-full-key', 'error', 'A get (and put, update, delete) names the full primary key of the table with =, and no index.');
export const patternAttributeUnknown = designRule('pattern-attribute-unknown', 'error', 'An attribute an access pattern conditions on or reads is a key attribute or an attribute of an entity of its table.');
export const patternEntityUnknown = designRule('pattern-entity-unknown', 'error', 'An entity an access pattern expects is an entity of its table.');
export const patternEntityMismatch = designRule('pattern-entity-mismatch', 'warning', 'An entity an access pattern expects can be among its results: it has the index\'s key attributes, and its key templates can satisfy the key condition.');
export const patternProjection = designRule('pattern-projection', 'warning', 'What an access pattern on an index reads (its reads, else its entities\' attributes) is projected into the index (INCLUDE and KEYS_ONLY projections).');
export const entityKeyMissing = designRule('entity-key-missing', 'error', 'An entity has a key template for every attribute of the table\'s primary key.');
export const entityKeyCollision = designRule('entity-key-collision', 'error', 'No two entities of a table have primary-key templates that can produce the same key (distinct literal prefixes).');
export const templatePlaceholderUndefined = designRule('template-placeholder-undefined', 'error', 'Every {placeholder} of a key template names an attribute of its entity (of a pattern: of the entities it expects; a range bound\'s may instead be a parameter of the call, lining up with their template for that key attribute: "ORDER#{from}" bounds "ORDER#{createdAt}").');
export const entitySparseIndex = designRule('entity-sparse-index', 'hint', 'An entity that has some of a GSI\'s key attributes has them all, and not through optional attributes (else its items drop out of that sparse index).');

export const DESIGN_RULES: readonly Rule[] = [
  designTableUnknown, patternNeedsScan, patternGetFullKey, patternAttributeUnknown, patternEntityUnknown, patternEntityMismatch,
  patternProjection, entityKeyMissing, entityKeyCollision, templatePlaceholderUndefined, entitySparseIndex,
];
