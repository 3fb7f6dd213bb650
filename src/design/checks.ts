/**
 * The design checks: does the table serve every access pattern as declared, and do the entities'
 * key templates hold together? Pure: DesignSpec x TableSpec[] -> findings, each with the rule id
 * of the catalogue (src/language/rules/design.ts turns them into the language service's findings,
 * their fixes into text edits in the dialect's own keys).
 */
import type { AccessPatternSpec, DesignSpec, EntitySpec, KeyTemplate } from '../model/design';
import { placeholders } from '../model/design';
import type { AttributeType, Pointer, TableSpec } from '../model/spec';
import { allKeys, definedType, missingKeyAttributes, servingIndex, servingOf } from './serve';
import type { IndexKeys } from './serve';
import { tableNameOf } from './read';
import { canCollide, canSatisfy } from './templates';
import { alignedExample, boundPlaceholders } from './bounds';
import type { BoundPlaceholder } from './bounds';

export type DesignRuleId =
  | 'design-table-unknown'
  | 'pattern-needs-scan'
  | 'pattern-get-full-key'
  | 'pattern-attribute-unknown'
  | 'pattern-entity-unknown'
  | 'pattern-entity-mismatch'
  | 'pattern-projection'
  | 'entity-key-missing'
  | 'entity-key-collision'
  | 'template-placeholder-undefined'
  | 'entity-sparse-index';

/** A GSI a fix adds for a pattern. */
export interface GsiProposal {
  readonly name: string;
  readonly hash: { readonly name: string; readonly type: AttributeType };
  readonly range?: { readonly name: string; readonly type: AttributeType };
}

export type DesignFix =
  /** Point the pattern at an index that serves it. */
  | { readonly kind: 'useIndex'; readonly pattern: AccessPatternSpec; readonly index: string | undefined }
  /** Add a GSI built for the pattern (and point the pattern at it). */
  | { readonly kind: 'addGsi'; readonly pattern: AccessPatternSpec; readonly gsi: GsiProposal };

export interface DesignFinding {
  readonly code: DesignRuleId;
  readonly severity: 'error' | 'warning' | 'hint';
  readonly message: string;
  readonly pointer: Pointer;
  readonly target: 'key' | 'value';
  /** The table (by name) it is about. */
  readonly table: string;
  readonly fixes?: readonly DesignFix[];
}

/** The GSI a fix would add for a pattern no index serves; undefined when it has no equality to key on. */
export function proposeGsi(pattern: AccessPatternSpec, table: TableSpec, design: DesignSpec): GsiProposal | undefined {
  const eq = pattern.keyCondition.filter(c => c.operator === '=');
  const ranged = pattern.keyCondition.filter(c => c.operator !== '=');
  if (eq.length === 0 || ranged.length > 1 || eq.length + ranged.length > 2) { return undefined; }
  const typeOf = (name: string): AttributeType => {
    const defined = definedType(table, name);
    if (defined) { return defined; }
    const declared = design.entities.filter(e => e.table === pattern.table).flatMap(e => e.attributes).find(a => a.name === name)?.type;
    return declared === 'N' || declared === 'B' ? declared : 'S';
  };
  const hash = eq[0].attribute;
  const range = ranged[0]?.attribute ?? eq[1]?.attribute;
  const taken = new Set(allKeys(table).map(k => k.name));
  let name = pattern.index !== undefined && !taken.has(pattern.index) ? pattern.index : undefined;
  for (let n = 1; !name; n++) { if (!taken.has(`GSI${n}`)) { name = `GSI${n}`; } }
  return { name, hash: { name: hash, type: typeOf(hash) }, ...(range ? { range: { name: range, type: typeOf(range) } } : {}) };
}

function keyAttributes(table: TableSpec): Set<string> {
  return new Set(allKeys(table).flatMap(k => [...k.hash, ...k.range]));
}

/** The key attributes an item needs to appear in an index. */
function indexAttributes(k: IndexKeys): string[] {
  return [...k.hash, ...k.range];
}

/** Whether an entity can be among a pattern's results, and if not, why. */
function entityMismatch(entity: EntitySpec, pattern: AccessPatternSpec, target: IndexKeys): string | undefined {
  const missing = missingKeyAttributes(entity, target);
  if (missing.length > 0) {
    return `${entity.name} has no ${missing.join(', ')}, so it is not in ${target.name ? `index ${target.name}` : 'the table'}`;
  }
  for (const c of pattern.keyCondition) {
    const t = entity.keys[c.attribute];
    if (t && !canSatisfy(t, c.operator, c.values)) {
      return `${entity.name}'s ${c.attribute} is ${JSON.stringify(t.text)}, which never satisfies ${c.attribute} ${c.operator} ${c.values.map(v => JSON.stringify(v.text)).join(' and ')}`;
    }
  }
  return undefined;
}

/** A range bound whose placeholder is no attribute and lines up with no entity template of its key attribute. */
function unalignedBoundMessage(pattern: AccessPatternSpec, bound: BoundPlaceholder): string {
  const c = bound.condition;
  const templates = bound.templates.map(t => `${t.entity.name}'s ${JSON.stringify(t.template.text)}`).join(', ');
  const example = bound.templates.map(t => alignedExample(t.template, bound.placeholder)).find(x => x !== undefined);
  return `Pattern ${JSON.stringify(pattern.name)} bounds ${c.attribute} with ${JSON.stringify(c.values[bound.valueIndex].text)}, but {${bound.placeholder}} is no attribute and does not line up with the ${c.attribute} template ${templates}: `
    + `a range bound is a parameter of the call when it keeps the template's literal text around its placeholder${example ? ` (${JSON.stringify(example.text)} bounds ${example.attribute})` : ''}.`;
}

export function checkDesign(design: DesignSpec, tables: readonly TableSpec[]): DesignFinding[] {
  const out: DesignFinding[] = [];
  const byName = new Map(tables.map(t => [tableNameOf(t), t]));
  const entitiesOf = (table: string): EntitySpec[] => design.entities.filter(e => e.table === table);

  for (const entity of design.entities) {
    const table = byName.get(entity.table);
    if (!table) {
      out.push({ code: 'design-table-unknown', severity: 'error', message: `Entity ${entity.name} names table ${JSON.stringify(entity.table)}, which this config does not define.`, pointer: `${entity.pointer}/name`, target: 'value', table: entity.table });
      continue;
    }
    const attrs = new Set(entity.attributes.map(a => a.name));
    const base = allKeys(table)[0];
    for (const k of indexAttributes(base)) {
      if (!(k in entity.keys)) {
        out.push({ code: 'entity-key-missing', severity: 'error', message: `Entity ${entity.name} has no template for ${k}, part of the table's primary key: its items could not be written.`, pointer: `${entity.pointer}/keys`, target: 'key', table: entity.table });
      }
    }
    for (const t of Object.values(entity.keys)) {
      for (const ph of placeholders(t)) {
        if (!attrs.has(ph)) {
          out.push({ code: 'template-placeholder-undefined', severity: 'error', message: `Template ${JSON.stringify(t.text)} of ${entity.name} names {${ph}}, which is not one of its attributes (${[...attrs].join(', ') || 'none'}).`, pointer: t.pointer, target: 'value', table: entity.table });
        }
      }
    }
    for (const idx of allKeys(table).slice(1)) {
      const needs = indexAttributes(idx);
      const has = needs.filter(a => a in entity.keys || attrs.has(a));
      if (has.length > 0 && has.length < needs.length) {
        const missing = needs.filter(a => !has.includes(a));
        out.push({ code: 'entity-sparse-index', severity: 'hint', message: `Entity ${entity.name} has ${has.join(', ')} but not ${missing.join(', ')}: its items are left out of index ${idx.name} (a sparse index). Add ${missing.join(', ')} if it belongs there.`, pointer: `${entity.pointer}/keys`, target: 'key', table: entity.table });
      }
      const optional = needs.flatMap(a => (entity.keys[a] ? placeholders(entity.keys[a]) : [a])).filter(a => entity.attributes.some(x => x.name === a && x.required === false));
      if (has.length === needs.length && optional.length > 0) {
        out.push({ code: 'entity-sparse-index', severity: 'hint', message: `Entity ${entity.name} is in index ${idx.name} only when it has ${optional.join(', ')} (optional): items without it are left out (a sparse index).`, pointer: `${entity.pointer}/keys`, target: 'key', table: entity.table });
      }
    }
  }

  // Colliding primary keys, pairwise within a table.
  for (let i = 0; i < design.entities.length; i++) {
    for (let j = i + 1; j < design.entities.length; j++) {
      const a = design.entities[i];
      const b = design.entities[j];
      const table = byName.get(a.table);
      if (a.table !== b.table || !table) { continue; }
      const base = indexAttributes(allKeys(table)[0]);
      if (base.length === 0 || !base.every(k => a.keys[k] && b.keys[k])) { continue; }
      if (base.every(k => canCollide(a.keys[k] as KeyTemplate, b.keys[k] as KeyTemplate))) {
        const shown = base.map(k => `${k} ${JSON.stringify(a.keys[k].text)} / ${JSON.stringify(b.keys[k].text)}`).join(', ');
        out.push({ code: 'entity-key-collision', severity: 'error', message: `Entities ${a.name} and ${b.name} can produce the same primary key (${shown}): one would overwrite the other. Give them distinct literal prefixes.`, pointer: `${b.pointer}/keys`, target: 'key', table: b.table });
      }
    }
  }

  for (const pattern of design.patterns) {
    const table = byName.get(pattern.table);
    if (!table) {
      out.push({ code: 'design-table-unknown', severity: 'error', message: `Pattern ${JSON.stringify(pattern.name)} names table ${JSON.stringify(pattern.table)}, which this config does not define.`, pointer: `${pattern.pointer}/name`, target: 'value', table: pattern.table });
      continue;
    }
    const entities = entitiesOf(pattern.table);
    const known = keyAttributes(table);
    const entityAttrs = new Set(entities.flatMap(e => [...Object.keys(e.keys), ...e.attributes.map(a => a.name)]));
    for (const c of pattern.keyCondition) {
      if (!known.has(c.attribute) && !entityAttrs.has(c.attribute)) {
        out.push({ code: 'pattern-attribute-unknown', severity: 'error', message: `Pattern ${JSON.stringify(pattern.name)} has a condition on ${c.attribute}, which no key and no entity of table ${pattern.table} defines.`, pointer: c.pointer, target: 'key', table: pattern.table });
      }
    }
    const declared: EntitySpec[] = [];
    for (const [i, name] of (pattern.entities ?? []).entries()) {
      const e = entities.find(x => x.name === name);
      if (e) { declared.push(e); continue; }
      out.push({ code: 'pattern-entity-unknown', severity: 'error', message: `Pattern ${JSON.stringify(pattern.name)} expects entity ${JSON.stringify(name)}, which table ${pattern.table} does not have (${entities.map(x => x.name).join(', ') || 'no entities'}).`, pointer: `${pattern.pointer}/entities/${i}`, target: 'value', table: pattern.table });
    }
    const pool = declared.length ? declared : entities;
    const poolAttrs = new Set(pool.flatMap(e => e.attributes.map(a => a.name)));
    // A range bound's placeholder that lines up with an entity's template is a parameter of the call.
    const bounds = boundPlaceholders(pattern, pool);
    for (const c of pattern.keyCondition) {
      for (const [i, v] of c.values.entries()) {
        for (const ph of placeholders(v)) {
          if (poolAttrs.has(ph)) { continue; }
          const bound = bounds.find(b => b.condition === c && b.valueIndex === i && b.placeholder === ph);
          if (bound?.aligned.length) { continue; }
          const message = bound?.templates.length
            ? unalignedBoundMessage(pattern, bound)
            : `Pattern ${JSON.stringify(pattern.name)} names {${ph}}, which no attribute of ${declared.length ? declared.map(e => e.name).join(', ') : `the entities of ${pattern.table}`} defines: it cannot be filled in.`;
          out.push({ code: 'template-placeholder-undefined', severity: 'error', message, pointer: v.pointer, target: 'value', table: pattern.table });
        }
      }
    }

    const serving = servingOf(pattern, table);
    const scan = serving.problems.filter(p => p.code === 'pattern-needs-scan');
    if (scan.length > 0) {
      const fixes: DesignFix[] = [];
      const existing = servingIndex(pattern, table);
      if (existing && existing.name !== pattern.index) { fixes.push({ kind: 'useIndex', pattern, index: existing.name }); }
      const gsi = existing ? undefined : proposeGsi(pattern, table, design);
      if (gsi) { fixes.push({ kind: 'addGsi', pattern, gsi }); }
      const first = scan.find(p => p.condition) ?? scan[0];
      out.push({
        code: 'pattern-needs-scan',
        severity: 'error',
        message: `Pattern ${JSON.stringify(pattern.name)} needs a Scan: ${scan.map(p => p.message).join('; ')}.`,
        pointer: pattern.index !== undefined && !serving.target ? `${pattern.pointer}/index` : first.condition?.pointer ?? `${pattern.pointer}/name`,
        target: pattern.index !== undefined && !serving.target ? 'value' : first.condition ? 'key' : 'value',
        table: pattern.table,
        fixes,
      });
    }
    for (const p of serving.problems.filter(x => x.code === 'pattern-get-full-key')) {
      out.push({ code: 'pattern-get-full-key', severity: 'error', message: `Pattern ${JSON.stringify(pattern.name)}: ${p.message}.`, pointer: p.condition?.pointer ?? `${pattern.pointer}/name`, target: p.condition ? 'key' : 'value', table: pattern.table });
    }

    const target = serving.target;
    if (target && scan.length === 0 && pattern.operation !== 'scan') {
      for (const [i, e] of declared.entries()) {
        const why = entityMismatch(e, pattern, target);
        if (why) {
          out.push({ code: 'pattern-entity-mismatch', severity: 'warning', message: `Pattern ${JSON.stringify(pattern.name)} cannot return ${e.name}: ${why}.`, pointer: `${pattern.pointer}/entities/${i}`, target: 'value', table: pattern.table });
        }
      }
    }
    const reading = pattern.operation === 'query' || pattern.operation === 'scan';
    if (target && target.kind !== 'table' && reading && target.projection !== 'ALL') {
      const projected = new Set([...target.nonKeyAttributes, ...indexAttributes(target), ...indexAttributes(allKeys(table)[0])]);
      const reads = pattern.reads ?? pool.flatMap(e => e.attributes.map(a => a.name));
      const lacking = [...new Set(reads)].filter(a => !projected.has(a));
      if (lacking.length > 0) {
        const how = target.kind === 'GSI'
          ? 'a Query on a GSI returns only projected attributes, so each item would need a GetItem on the table'
          : 'DynamoDB fetches them from the table, at extra read cost';
        out.push({ code: 'pattern-projection', severity: 'warning', message: `Pattern ${JSON.stringify(pattern.name)} reads ${lacking.join(', ')}, which index ${target.name} (${target.projection}) does not project: ${how}. ${pattern.reads ? 'Project them, or read less.' : 'List what it reads in reads, or project ALL.'}`, pointer: pattern.reads ? `${pattern.pointer}/reads` : `${pattern.pointer}/name`, target: pattern.reads ? 'key' : 'value', table: pattern.table });
      }
    }
    if (pattern.reads) {
      for (const [i, a] of pattern.reads.entries()) {
        if (!entityAttrs.has(a) && !known.has(a)) {
          out.push({ code: 'pattern-attribute-unknown', severity: 'error', message: `Pattern ${JSON.stringify(pattern.name)} reads ${a}, which no entity of table ${pattern.table} has.`, pointer: `${pattern.pointer}/reads/${i}`, target: 'value', table: pattern.table });
        }
      }
    }
  }
  return out;
}
