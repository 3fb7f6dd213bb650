/**
 * An attribute named `__proto__` does not survive the SDK's JSON deserializer (@smithy/core
 * 3.41, @aws-sdk/dynamodb-codec): it redefines the key as an own property before it reads the
 * key's value, so an item comes back with `__proto__: undefined`, and an error that carries the
 * item (ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure) fails to
 * deserialize at all. So, for the answers that mention `"__proto__"`, every such attribute (at
 * the top level of `Item`, `Items[]`, `Attributes`, `LastEvaluatedKey`, or in a map inside them)
 * is taken out of the raw body before the SDK reads it, and put back, in the SDK's form, into
 * what the SDK gives. Added once per client by the functions that read items (items.ts).
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { toSdkValue, validateValue } from '../items/itemJson';

const PROTO = '__proto__';
const ITEM_FIELDS = ['Item', 'Attributes', 'LastEvaluatedKey'] as const;
const patched = new WeakSet<DynamoDBClient>();
/** The attributes taken out of a call's answer, by the call's handler context. */
const takenOut = new WeakMap<object, Taken[]>();

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];
/** A `__proto__` attribute taken out of the map at `path` (from the answer's root). */
interface Taken { readonly path: Path; readonly value: AttributeValue }

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(value: Json, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, name);
}

/** Takes every `__proto__` attribute out of the raw items of an answer (not into their values). */
function takeOut(answer: unknown): Taken[] {
  const taken: Taken[] = [];
  if (!isObject(answer)) { return taken; }
  const visitMap = (map: unknown, path: Path): void => {
    if (!isObject(map)) { return; }
    if (own(map, PROTO)) {
      try {
        taken.push({ path, value: toSdkValue(validateValue(map[PROTO], PROTO)) });
        delete map[PROTO];
      } catch {
        // Not an attribute value: left for the SDK to refuse.
      }
    }
    for (const [name, value] of Object.entries(map)) { visitValue(value, [...path, name]); }
  };
  const visitValue = (value: unknown, path: Path): void => {
    if (!isObject(value)) { return; }
    if (isObject(value.M)) { visitMap(value.M, [...path, 'M']); }
    if (Array.isArray(value.L)) { value.L.forEach((inner, i) => visitValue(inner, [...path, 'L', i])); }
  };
  for (const field of ITEM_FIELDS) { visitMap(answer[field], [field]); }
  if (Array.isArray(answer.Items)) { answer.Items.forEach((item, i) => visitMap(item, ['Items', i])); }
  return taken;
}

/** Puts what was taken out back into the SDK's output or error. */
function putBack(target: unknown, taken: readonly Taken[] | undefined): void {
  for (const { path, value } of taken ?? []) {
    const holder = path.reduce<unknown>((at, segment) => (typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[segment] : undefined), target);
    if (isObject(holder)) { Object.defineProperty(holder, PROTO, { value, enumerable: true, writable: true, configurable: true }); }
  }
}

interface RawResponse { body?: unknown }

async function bytesOf(body: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) { chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)); }
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** Makes the client keep top-level `__proto__` attributes (idempotent). */
export function keepProtoAttributes(client: DynamoDBClient): void {
  if (patched.has(client)) { return; }
  patched.add(client);
  // Closest to the network: the raw answer, before the SDK's deserializer reads it.
  client.middlewareStack.add((next, context) => async (args) => {
    const result = await next(args);
    const response = result.response as RawResponse;
    const body = response.body as AsyncIterable<Uint8Array | string> | undefined;
    if (body && typeof body[Symbol.asyncIterator] === 'function') {
      const bytes = await bytesOf(body);
      response.body = bytes; // the SDK reads a Uint8Array body as it is
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (buffer.includes(`"${PROTO}"`)) { // searched in the bytes: most answers are never decoded here
        let answer: unknown;
        try { answer = JSON.parse(buffer.toString('utf8')); } catch { answer = undefined; /* not JSON: the SDK says so */ }
        const taken = takeOut(answer);
        if (taken.length > 0) {
          takenOut.set(context, taken);
          response.body = new Uint8Array(Buffer.from(JSON.stringify(answer), 'utf8'));
        }
      }
    }
    return result;
  }, { step: 'deserialize', priority: 'low', name: 'keepProtoAttributesRaw' });
  // Around everything: what was taken out put back into the output (or error).
  client.middlewareStack.add((next, context) => async (args) => {
    try {
      const result = await next(args);
      putBack(result.output, takenOut.get(context));
      return result;
    } catch (error) {
      putBack(error, takenOut.get(context));
      throw error;
    }
  }, { step: 'initialize', name: 'keepProtoAttributesRepair' });
}
