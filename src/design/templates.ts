/**
 * What key templates can produce: whether two templates can produce the same string (two
 * entities' keys collide; an entity can answer a pattern's key condition), filling a template
 * with values, and evaluating a key condition on concrete values. A placeholder stands for any
 * non-empty string (a value may itself hold `#`), a literal for itself. Pure.
 */
import type { KeyOperator, KeyTemplate } from '../model/design';

type Token = { readonly c: string } | 'any' | 'loop';

/** A template as a small automaton: a literal char each, a placeholder = one char then any more. */
function tokens(t: KeyTemplate, openEnd = false): Token[] {
  const out: Token[] = [];
  for (const p of t.parts) {
    if ('literal' in p) { for (const c of p.literal) { out.push({ c }); } } else { out.push('any', 'loop'); }
  }
  if (openEnd) { out.push('loop'); }
  return out;
}

function closure(a: readonly Token[], b: readonly Token[], i: number, j: number, add: (i: number, j: number) => void): void {
  // Zero-width moves: a `loop` may be left without consuming.
  const stack: [number, number][] = [[i, j]];
  const seen = new Set<string>();
  while (stack.length) {
    const [x, y] = stack.pop()!;
    const k = `${x},${y}`;
    if (seen.has(k)) { continue; }
    seen.add(k);
    add(x, y);
    if (a[x] === 'loop') { stack.push([x + 1, y]); }
    if (b[y] === 'loop') { stack.push([x, y + 1]); }
  }
}

/** True when some string is produced by both token lists. */
function intersects(a: readonly Token[], b: readonly Token[]): boolean {
  const seen = new Set<string>();
  const queue: [number, number][] = [];
  const add = (i: number, j: number): void => {
    const k = `${i},${j}`;
    if (!seen.has(k)) { seen.add(k); queue.push([i, j]); }
  };
  closure(a, b, 0, 0, add);
  while (queue.length) {
    const [i, j] = queue.shift()!;
    if (i === a.length && j === b.length) { return true; }
    if (i >= a.length || j >= b.length) { continue; }
    const x = a[i];
    const y = b[j];
    const ok = typeof x === 'object' && typeof y === 'object' ? x.c === y.c : true;
    if (!ok) { continue; }
    closure(a, b, x === 'loop' ? i : i + 1, y === 'loop' ? j : j + 1, add);
  }
  return false;
}

/** Whether two templates can produce the same key value. */
export function canCollide(a: KeyTemplate, b: KeyTemplate): boolean {
  return intersects(tokens(a), tokens(b));
}

/**
 * Whether a value the entity template produces can satisfy `op` against the pattern's template(s)
 * (whatever the placeholders hold). Range operators are satisfiable unless templates say otherwise
 * in a way this does not follow: they count as possible.
 */
export function canSatisfy(entity: KeyTemplate, op: KeyOperator, values: readonly KeyTemplate[]): boolean {
  switch (op) {
    case '=': return intersects(tokens(entity), tokens(values[0]));
    case 'begins_with': return intersects(tokens(entity), tokens(values[0], true));
    default: return true;
  }
}

/** The template's text with its placeholders filled; undefined when a value is missing. */
export function fill(t: KeyTemplate, values: Readonly<Record<string, unknown>>): string | undefined {
  let out = '';
  for (const p of t.parts) {
    if ('literal' in p) { out += p.literal; continue; }
    const v = values[p.placeholder];
    if (v === undefined || v === null) { return undefined; }
    out += String(v);
  }
  return out;
}

/** DynamoDB's order: numbers by value, strings by their UTF-8 bytes. */
export function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') { return a - b; }
  return Buffer.compare(Buffer.from(String(a), 'utf8'), Buffer.from(String(b), 'utf8'));
}

/** Whether a concrete key value satisfies `op` against concrete operand(s). */
export function satisfies(value: string | number, op: KeyOperator, operands: readonly (string | number)[]): boolean {
  const c = (x: string | number): number => compareKeys(value, x);
  switch (op) {
    case '=': return c(operands[0]) === 0;
    case '<': return c(operands[0]) < 0;
    case '<=': return c(operands[0]) <= 0;
    case '>': return c(operands[0]) > 0;
    case '>=': return c(operands[0]) >= 0;
    case 'between': return c(operands[0]) >= 0 && c(operands[1]) <= 0;
    case 'begins_with': return typeof value === 'string' && value.startsWith(String(operands[0]));
  }
}
