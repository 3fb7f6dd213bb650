/**
 * The extension's output channel ("DynamoDB Designer", a log channel with levels). Every message
 * and argument is redacted (dynamo/errors.ts `redact`) before it is written: no secret key,
 * session token or signed header value reaches the log, whatever a server said.
 */
import * as vscode from 'vscode';
import { redact } from '../../dynamo/errors';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return redactingLog(vscode.window.createOutputChannel('DynamoDB Designer', { log: true }));
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') { return redact(value); }
  if (value instanceof Error) { return redact(`${value.name}: ${value.message}`); }
  if (typeof value === 'object' && value !== null) {
    try { return redact(JSON.stringify(value)); } catch { return '[unprintable]'; }
  }
  return value;
}

/** The channel, with what is written to it redacted first. */
export function redactingLog(channel: vscode.LogOutputChannel): Log {
  return {
    get name() { return channel.name; },
    get logLevel() { return channel.logLevel; },
    onDidChangeLogLevel: channel.onDidChangeLogLevel,
    trace: (message, ...args) => channel.trace(redact(message), ...args.map(clean)),
    debug: (message, ...args) => channel.debug(redact(message), ...args.map(clean)),
    info: (message, ...args) => channel.info(redact(message), ...args.map(clean)),
    warn: (message, ...args) => channel.warn(redact(message), ...args.map(clean)),
    error: (error, ...args) => channel.error(clean(error) as string, ...args.map(clean)),
    append: value => channel.append(redact(value)),
    appendLine: value => channel.appendLine(redact(value)),
    replace: value => channel.replace(redact(value)),
    clear: () => channel.clear(),
    show: (columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) => {
      if (typeof columnOrPreserveFocus === 'number') { channel.show(columnOrPreserveFocus, preserveFocus); } else { channel.show(columnOrPreserveFocus); }
    },
    hide: () => channel.hide(),
    dispose: () => channel.dispose(),
  };
}
