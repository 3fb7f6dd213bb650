/**
 * Every command is registered through `registerCommand`, which wraps its handler once:
 * - a precondition first: a command that writes to AWS from a file's content is refused in an
 *   untrusted workspace (`trust`), before the handler runs;
 * - an error is logged and shown with what the command was doing (`run.doing`, which the handler
 *   may make more precise once it knows, say, the table), a person's cancel only logged;
 * - the handler's value is the command's result (undefined after an error), for callers and tests.
 * So handlers stay thin and let errors bubble: no try/catch per handler.
 */
import * as vscode from 'vscode';
import { reportError, UserError } from '../platform/errors';
import type { Log } from '../platform/log';

/** One run of a command: what it is doing, in words for an error message ("Deleting table orders"). */
export interface CommandRun {
  doing: string;
}

export interface CommandOptions {
  /** What the command does, for its error message: "Apply" gives "Apply: <the error>". */
  readonly doing: string;
  /** The verb of a command that writes to AWS from a file's content ("apply"): refused in an untrusted workspace. */
  readonly trust?: string;
}

/** Refuses to write to AWS from a file's content in an untrusted workspace. */
export function requireTrust(verb: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserError(`This workspace is not trusted: DynamoDB Designer does not ${verb} tables from its files. Trust the workspace to ${verb}.`,
      { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' });
  }
}

/** Registers a command whose handler is wrapped for errors, cancellation and trust (see the module comment). */
export function registerCommand<A extends unknown[], R>(
  log: Log, id: string, options: CommandOptions, handler: (run: CommandRun, ...args: A) => R | Promise<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    const run: CommandRun = { doing: options.doing };
    try {
      if (options.trust !== undefined) { requireTrust(options.trust); }
      return await handler(run, ...args);
    } catch (error) {
      reportError(log, run.doing, error);
      return undefined;
    }
  });
}
