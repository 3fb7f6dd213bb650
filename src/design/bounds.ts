/**
 * Range bounds as call parameters. In `GSI1SK between "ORDER#{from}" and "ORDER#{to}"`, {from} and
 * {to} are no attributes of Order: they are the caller's bounds on Order's `ORDER#{createdAt}`, so
 * the code generators make them arguments, the checks accept them, and the pattern runner fills
 * them from the sample items (the lowest and highest value the bound's attribute takes among the
 * items the pattern targets). A bound is such a parameter when it lines up with an entity's
 * template for the same key attribute: the same literal text before the placeholder, and after
 * it as far as the bound goes (`ORDER#{from}` also bounds `ORDER#{createdAt}#{orderId}` on
 * createdAt). Pure.
 */
import type { AccessPatternSpec, EntitySpec, KeyConditionSpec, KeyOperator, KeyTemplate } from '../model/design';
import { placeholders } from '../model/design';
import type { Sample } from './samples';
import { compareKeys, fill, satisfies } from './templates';

/** Key-condition operators whose values are bounds of a range of keys (all but =). */
export function isRangeOperator(op: KeyOperator): boolean {
  return op !== '=';
}

/**
 * The bound's placeholders -> the template's placeholders at the same places, when the bound
 * lines up with the template (its literals equal the template's, the last one may stop early);
 * undefined when it does not.
 */
export function alignBound(bound: KeyTemplate, template: KeyTemplate): Map<string, string> | undefined {
  const b = bound.parts;
  const t = template.parts;
  if (b.length > t.length) { return undefined; }
  const out = new Map<string, string>();
  for (let i = 0; i < b.length; i++) {
    const x = b[i];
    const y = t[i];
    if ('literal' in x) {
      if (!('literal' in y)) { return undefined; }
      if (i === b.length - 1 ? !y.literal.startsWith(x.literal) : x.literal !== y.literal) { return undefined; }
    } else {
      if (!('placeholder' in y)) { return undefined; }
      const known = out.get(x.placeholder);
      if (known !== undefined && known !== y.placeholder) { return undefined; }
      out.set(x.placeholder, y.placeholder);
    }
  }
  return out;
}

/** An entity's key template for a key attribute; `{name}` when the entity has that attribute itself (no template). */
export function keyTemplateOf(entity: EntitySpec, attribute: string): KeyTemplate | undefined {
  const t = entity.keys[attribute];
  if (t) { return t; }
  const a = entity.attributes.find(x => x.name === attribute);
  return a ? { text: `{${attribute}}`, parts: [{ placeholder: attribute }], pointer: a.pointer } : undefined;
}

/** One placeholder of a range bound that no entity attribute fills. */
export interface BoundPlaceholder {
  readonly placeholder: string;
  readonly condition: KeyConditionSpec;
  /** The bound it is in (condition.values[valueIndex]). */
  readonly valueIndex: number;
  /** The entity templates of the condition's attribute it lines up with, and the attribute it bounds in each. */
  readonly aligned: readonly { readonly entity: EntitySpec; readonly attribute: string }[];
  /** Every entity template of the condition's attribute (what it should line up with). */
  readonly templates: readonly { readonly entity: EntitySpec; readonly template: KeyTemplate }[];
}

/**
 * The placeholders of a pattern's range bounds that are no attribute of `entities` (the entities
 * it expects, else those of its table), each with the templates it lines up with: a parameter of
 * the call when `aligned` is not empty.
 */
export function boundPlaceholders(pattern: Pick<AccessPatternSpec, 'keyCondition'>, entities: readonly EntitySpec[]): BoundPlaceholder[] {
  const attributes = new Set(entities.flatMap(e => e.attributes.map(a => a.name)));
  const out: BoundPlaceholder[] = [];
  for (const condition of pattern.keyCondition) {
    if (!isRangeOperator(condition.operator)) { continue; }
    const templates = entities.flatMap(entity => {
      const template = keyTemplateOf(entity, condition.attribute);
      return template ? [{ entity, template }] : [];
    });
    condition.values.forEach((value, valueIndex) => {
      for (const placeholder of new Set(placeholders(value))) {
        if (attributes.has(placeholder)) { continue; }
        const aligned = templates.flatMap(({ entity, template }) => {
          const attribute = alignBound(value, template)?.get(placeholder);
          return attribute !== undefined ? [{ entity, attribute }] : [];
        });
        out.push({ placeholder, condition, valueIndex, aligned, templates });
      }
    });
  }
  return out;
}

/** The parameters among them: bounds that line up with a template. */
export function boundParameters(pattern: Pick<AccessPatternSpec, 'keyCondition'>, entities: readonly EntitySpec[]): BoundPlaceholder[] {
  return boundPlaceholders(pattern, entities).filter(b => b.aligned.length > 0);
}

/** An example of a bound that lines up with a template: the template up to its last placeholder, which becomes `{placeholder}`. */
export function alignedExample(template: KeyTemplate, placeholder: string): { text: string; attribute: string } | undefined {
  const last = template.parts.map(p => 'placeholder' in p).lastIndexOf(true);
  if (last < 0) { return undefined; }
  const at = template.parts[last] as { placeholder: string };
  const text = template.parts.slice(0, last).map(p => ('literal' in p ? p.literal : `{${p.placeholder}}`)).join('') + `{${placeholder}}`;
  return { text, attribute: at.placeholder };
}

/** Whether the bound is a lower one (the first of a between, >, >=, begins_with) rather than an upper one. */
function isLower(b: BoundPlaceholder): boolean {
  const op = b.condition.operator;
  return op === 'between' ? b.valueIndex === 0 : op === '>' || op === '>=' || op === 'begins_with';
}

/**
 * Values for a pattern's bound parameters from the sample items, given the values of its other
 * placeholders: among the items of the aligned entities that satisfy the pattern's other
 * conditions (else all of them), the lowest value of the bounded attribute for a lower bound, the
 * highest for an upper one, ordered as the key the bound makes. `operand` turns a filled template
 * into the key attribute's value (a number for an N key).
 */
export function boundValues(
  pattern: Pick<AccessPatternSpec, 'keyCondition' | 'table'>, parameters: readonly BoundPlaceholder[], values: Readonly<Record<string, unknown>>,
  samples: readonly Sample[], operand: (attribute: string, text: string) => string | number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = new Set(parameters.map(p => p.placeholder));
  const others = pattern.keyCondition.filter(c => !c.values.some(v => placeholders(v).some(p => names.has(p))));
  const satisfiesOthers = (s: Sample): boolean => others.every(c => {
    const texts = c.values.map(v => fill(v, values));
    if (texts.some(t => t === undefined)) { return true; }
    const v = s.item[c.attribute];
    return (typeof v === 'string' || typeof v === 'number') && satisfies(v, c.operator, texts.map(t => operand(c.attribute, t!)));
  });
  for (const p of parameters) {
    if (p.placeholder in out) { continue; }
    const attributeOf = (s: Sample): string | undefined => p.aligned.find(a => a.entity.name === s.entity)?.attribute;
    const own = samples.filter(s => s.table === pattern.table && attributeOf(s) !== undefined && s.item[attributeOf(s)!] !== undefined && s.item[attributeOf(s)!] !== null);
    const targeted = own.filter(satisfiesOthers);
    const bound = p.condition.values[p.valueIndex];
    const ranked = (targeted.length ? targeted : own).map(s => {
      const value = s.item[attributeOf(s)!];
      const text = fill(bound, { ...values, [p.placeholder]: value });
      return { value, key: text === undefined ? String(value) : operand(p.condition.attribute, text) };
    }).sort((a, b) => compareKeys(a.key, b.key));
    const chosen = isLower(p) ? ranked[0] : ranked[ranked.length - 1];
    if (chosen) { out[p.placeholder] = chosen.value; }
  }
  return out;
}
