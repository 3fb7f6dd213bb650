/** Server-side encryption: sse-kms-key. */
import type { Rule } from '../types';
import { Writer, finding, fix, markKey, missing, q, read } from './shared';

export const sseKmsKey: Rule = {
  id: 'sse-kms-key',
  severity: 'error',
  description: 'A KMS key is given only when server-side encryption is enabled (with SSE type KMS where the dialect has a type).',
  check(table, ctx) {
    const sse = table.sse;
    if (!sse) { return []; }
    const key = read(sse.kmsKeyId, ctx);
    const enabled = read(sse.enabled, ctx);
    const type = read(sse.type, ctx);
    // A key written with an intrinsic function (`!GetAtt Key.Arn`) is given, whatever its value.
    const keyGiven = (key.state === 'ok' && key.value !== '') || (sse.kmsKeyId !== undefined && (ctx.unknownPointers?.has(sse.kmsKeyId.pointer) ?? false));
    if (!keyGiven || !sse.kmsKeyId || enabled.state === 'invalid' || type.state === 'invalid') { return []; }
    const w = new Writer(ctx, table);
    const typeKey = w.v.sse.type;
    const enabledOk = enabled.state === 'ok' && enabled.value;
    const typeOk = typeKey === undefined || (type.state === 'ok' && type.value === 'KMS');
    if (enabledOk && typeOk) { return []; }
    const problems: string[] = [];
    if (!enabledOk) { problems.push(`${w.key(w.v.sse.enabled)} is ${enabled.state === 'ok' ? 'false' : 'not set'}`); }
    if (!typeOk && typeKey) { problems.push(`${w.key(typeKey)} is ${type.state === 'ok' ? q(type.value) : 'not set'}`); }
    const entries: [string, unknown][] = [];
    if (!enabledOk) { entries.push([w.v.sse.enabled, true]); }
    if (!typeOk && typeKey) { entries.push([typeKey, w.enc('sseType', 'KMS')]); }
    const place = w.tablePlace(w.v.sse.block, 'sse');
    const absent = (!enabledOk && enabled.state === 'absent') || (!typeOk && type.state === 'absent');
    const keyPointer = sse.kmsKeyId.pointer;
    return [missing(finding(this, markKey(keyPointer),
      `A KMS key (${w.key(w.v.sse.kmsKey)}) is given but ${problems.join(' and ')}: the key applies only to enabled server-side encryption${typeKey ? ' of type KMS' : ''}.`,
      [
        fix(typeKey ? 'Enable server-side encryption with KMS' : 'Enable server-side encryption', w.set(place, entries), true),
        fix(`Remove ${w.key(w.v.sse.kmsKey)}`, [{ kind: 'delete', pointer: keyPointer }]),
      ]), absent)];
  },
};

export const SSE_RULES: readonly Rule[] = [sseKmsKey];
