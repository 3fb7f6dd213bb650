/**
 * A tiny set of schema combinators for the panel protocol (protocol.ts): each schema is the runtime
 * check of a plain-data value and, through `Infer`, its TypeScript type, so a message shape is
 * written once. The checks are strict: objects must be plain (no class instances), have exactly
 * the declared fields, and strings, arrays and nesting are bounded. A failed check throws
 * `Invalid` naming where (`$.params.query.pageSize: expected ...`); `parse` turns that into a
 * `Parsed` result.
 *
 * Hand-written rather than a validation library: about 100 lines cover what the protocol needs,
 * and the webview bundle stays small. Pure: no DOM, no vscode, no node import.
 */

declare const TYPE: unique symbol;

/** The check of a value of type T (`T` exists only for the type checker). */
export interface Schema<T> {
  readonly check: (value: unknown, at: string) => void;
  readonly [TYPE]?: T;
}

/** The type a schema checks. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export class Invalid extends Error {}

export function fail(at: string, what: string): never { throw new Invalid(`${at}: ${what}`); }

/** A schema from a check function (for shapes the combinators below do not cover). */
export function schema<T>(check: (value: unknown, at: string) => void): Schema<T> {
  return { check };
}

/** Checks `value`: the value typed, or the reason it was refused. */
export function parse<T>(value: unknown, s: Schema<T>): Parsed<T> {
  try {
    s.check(value, '$');
    return { ok: true, value: value as T };
  } catch (error) {
    if (error instanceof Invalid) { return { ok: false, reason: error.message }; }
    throw error;
  }
}

/** A plain object (literal or null-prototype), not an array, not a class instance. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) { return false; }
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Longest string accepted anywhere. */
export const MAX_TEXT = 400_000;

export const str: Schema<string> = schema((v, at) => { if (typeof v !== 'string' || v.length > MAX_TEXT) { fail(at, 'expected a string'); } });
export const bool: Schema<boolean> = schema((v, at) => { if (typeof v !== 'boolean') { fail(at, 'expected a boolean'); } });

/** A whole number from min to max. */
export function int(min: number, max: number): Schema<number> {
  return schema((v, at) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) { fail(at, `expected a whole number from ${min} to ${max}`); }
  });
}

/** One of these strings. */
export function oneOf<const V extends string>(values: readonly V[]): Schema<V> {
  return schema((v, at) => { if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) { fail(at, `expected one of ${values.join(', ')}`); } });
}

/** Exactly this value (a version number, `true`). */
export function exactly<const V extends string | number | boolean>(value: V, what = `expected ${JSON.stringify(value)}`): Schema<V> {
  return schema((v, at) => { if (v !== value) { fail(at, what); } });
}

/** An array of at most `max` elements. */
export function list<T>(element: Schema<T>, max = 1000): Schema<readonly T[]> {
  return schema((v, at) => {
    if (!Array.isArray(v) || v.length > max) { fail(at, `expected an array of at most ${max}`); }
    v.forEach((e, i) => element.check(e, `${at}[${i}]`));
  });
}

/** The value, or null. */
export function orNull<T>(inner: Schema<T>): Schema<T | null> {
  return schema((v, at) => { if (v !== null) { inner.check(v, at); } });
}

type Shape = Readonly<Record<string, Schema<unknown>>>;
type NoFields = Readonly<Record<never, never>>;
type Flat<T> = { [K in keyof T]: T[K] } & unknown;
export type ObjectOf<R extends Shape, O extends Shape> = Flat<{ readonly [K in keyof R]: Infer<R[K]> } & { readonly [K in keyof O]?: Infer<O[K]> }>;

/** An object with exactly these fields (optional ones may be absent or undefined); nothing else. */
export function object<R extends Shape, O extends Shape = NoFields>(required: R, optional?: O): Schema<ObjectOf<R, O>> {
  const opt: Shape = optional ?? {};
  return schema((v, at) => {
    if (!isRecord(v)) { fail(at, 'expected an object'); }
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(required, key) && !Object.hasOwn(opt, key)) { fail(`${at}.${key}`, 'unexpected field'); }
    }
    for (const [key, s] of Object.entries(required)) { s.check(v[key], `${at}.${key}`); }
    for (const [key, s] of Object.entries(opt)) { if (v[key] !== undefined) { s.check(v[key], `${at}.${key}`); } }
  });
}

/**
 * A plain object whose content is not checked: for data the host builds itself (trusted; the
 * webview only makes sure a stray message is not taken for it).
 */
export function trusted<T extends object>(): Schema<T> {
  return schema((v, at) => { if (!isRecord(v)) { fail(at, 'expected an object'); } });
}

/** The type of a result, declared (results come from the trusted host and are not checked). */
export interface Returns<T> { readonly [TYPE]?: T }
export function returns<T>(): Returns<T> { return {}; }
