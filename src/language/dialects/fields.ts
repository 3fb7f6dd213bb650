/**
 * Reading typed Fields out of plain parsed data, each with its JSON pointer. A present value of
 * the wrong type (or outside its enum) becomes an invalid Field: the schema reports it and the
 * rules stay silent on it.
 */
import type { Field, Pointer } from '../../model/spec';
import { joinPointer } from '../sourcemap';
import { decodeEnum, snakeCase } from './vocabulary';
import type { EnumKind, Vocabulary } from './vocabulary';

export type Obj = Readonly<Record<string, unknown>>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A key of a block as the file spells it (a dialect may accept snake_case aliases), with its pointer. */
export interface Found { readonly key: string; readonly value: unknown; readonly pointer: Pointer }

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringList = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every(isString);

export class FieldReader {
  constructor(readonly vocabulary: Vocabulary) {}

  /** The key as the block spells it, undefined when absent (no object made: most fields are read this way). */
  private spelled(obj: Obj | undefined, key: string): string | undefined {
    if (!obj) { return undefined; }
    if (Object.prototype.hasOwnProperty.call(obj, key)) { return key; }
    if (this.vocabulary.snakeCaseAliases) {
      const alias = snakeCase(key);
      if (alias !== key && Object.prototype.hasOwnProperty.call(obj, alias)) { return alias; }
    }
    return undefined;
  }

  find(obj: Obj | undefined, key: string, base: Pointer): Found | undefined {
    const spelled = this.spelled(obj, key);
    return spelled === undefined ? undefined : { key: spelled, value: (obj as Obj)[spelled], pointer: joinPointer(base, spelled) };
  }

  /** A sub-block (mapping); `block === undefined` means the keys sit in `obj` itself. */
  block(obj: Obj | undefined, block: string | undefined, base: Pointer): { obj: Obj | undefined; pointer: Pointer; present: boolean } {
    if (block === undefined) { return { obj, pointer: base, present: obj !== undefined }; }
    const found = this.find(obj, block, base);
    return { obj: found && isObj(found.value) ? found.value : undefined, pointer: found ? found.pointer : joinPointer(base, block), present: found !== undefined };
  }

  string(obj: Obj | undefined, key: string, base: Pointer): Field<string> | undefined {
    return this.typed(obj, key, base, isString);
  }

  number(obj: Obj | undefined, key: string, base: Pointer): Field<number> | undefined {
    return this.typed(obj, key, base, isNumber);
  }

  boolean(obj: Obj | undefined, key: string, base: Pointer): Field<boolean> | undefined {
    return this.typed(obj, key, base, isBoolean);
  }

  stringList(obj: Obj | undefined, key: string, base: Pointer): Field<readonly string[]> | undefined {
    return this.typed(obj, key, base, isStringList);
  }

  enumeration<T extends string>(obj: Obj | undefined, key: string, base: Pointer, kind: EnumKind): Field<T> | undefined {
    const spelled = this.spelled(obj, key);
    if (spelled === undefined) { return undefined; }
    const raw = (obj as Obj)[spelled];
    const pointer = joinPointer(base, spelled);
    const canonical = decodeEnum(this.vocabulary, kind, raw);
    return canonical === undefined
      ? { valid: false, raw, pointer }
      : { valid: true, value: canonical as T, raw, pointer };
  }

  private typed<T>(obj: Obj | undefined, key: string, base: Pointer, ok: (v: unknown) => v is T): Field<T> | undefined {
    const spelled = this.spelled(obj, key);
    if (spelled === undefined) { return undefined; }
    const raw = (obj as Obj)[spelled];
    const pointer = joinPointer(base, spelled);
    return ok(raw) ? { valid: true, value: raw, raw, pointer } : { valid: false, raw, pointer };
  }
}

/** A Field that the dialect implies rather than states (the HASH of a flat key), at a pointer. */
export function impliedField<T>(value: T, pointer: Pointer): Field<T> {
  return { valid: true, value, raw: value, pointer };
}
