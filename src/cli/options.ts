/**
 * The command-line reading the subcommands share: options with a value (`--x V` or `--x=V`),
 * flags, `--` ending the options, and the checks of the options several commands take
 * (--timeout, --format). Each command says which options it has and which error it throws
 * (CliError or UsageError, which main.ts prints differently).
 */

export interface OptionSpec {
  /** Options that take a value; the last one given counts. */
  readonly valued: readonly string[];
  /** Options that take a value and may be given again; every value is kept, in order. */
  readonly repeated?: readonly string[];
  /** Options whose value may be empty (`--param ''`). */
  readonly emptyAllowed?: readonly string[];
  /** Options without a value, each with the name it is counted under (`-h` -> `--help`). */
  readonly flags: Readonly<Record<string, string>>;
  /** An argument that is none of the options above: an unknown option, or else a positional one (default: it starts with `-` and is not `-`). */
  readonly isOption?: (arg: string) => boolean;
}

export interface ReadOptions {
  readonly positional: string[];
  readonly values: Record<string, string>;
  readonly lists: Record<string, string[]>;
  /** The flags given, by the names they are counted under. */
  readonly flags: Set<string>;
}

export type ErrorClass = new (message: string) => Error;

export const HELP_FLAGS: Readonly<Record<string, string>> = { '-h': '--help', '--help': '--help' };
export const YES_FLAGS: Readonly<Record<string, string>> = { '-y': '--yes', '--yes': '--yes' };

/** Reads `args` as `spec` says; a missing value or an unknown option throws `Failure`. */
export function readOptions(args: readonly string[], spec: OptionSpec, Failure: ErrorClass): ReadOptions {
  const valued = new Set([...spec.valued, ...(spec.repeated ?? [])]);
  const isOption = spec.isOption ?? ((a: string) => a.startsWith('-') && a !== '-');
  const out: ReadOptions = { positional: [], values: {}, lists: {}, flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { out.positional.push(...args.slice(i + 1)); break; }
    const flag = Object.prototype.hasOwnProperty.call(spec.flags, a) ? spec.flags[a] : undefined;
    if (flag !== undefined) { out.flags.add(flag); continue; }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (valued.has(name)) {
      const value = name === a ? args[++i] : a.slice(eq + 1);
      if (value === undefined || (value === '' && !spec.emptyAllowed?.includes(name))) { throw new Failure(`${name} needs a value`); }
      if (spec.repeated?.includes(name)) { (out.lists[name] ??= []).push(value); } else { out.values[name] = value; }
      continue;
    }
    if (isOption(a)) { throw new Failure(`unknown option ${a}`); }
    out.positional.push(a);
  }
  return out;
}

/** --timeout SECONDS: a number greater than 0, or undefined when absent. */
export function timeoutOption(values: Readonly<Record<string, string>>, Failure: ErrorClass): number | undefined {
  const text = values['--timeout'];
  const timeout = text === undefined ? undefined : Number(text);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new Failure(`--timeout must be a number of seconds greater than 0, not ${JSON.stringify(text)}`);
  }
  return timeout;
}

/** An option with one of two values (`--format text|json`), `fallback` when absent. */
export function choiceOption<T extends string>(values: Readonly<Record<string, string>>, name: string, choices: readonly [T, T], fallback: T, Failure: ErrorClass): T {
  const value = values[name] ?? fallback;
  if (!(choices as readonly string[]).includes(value)) { throw new Failure(`${name} must be ${choices.join(' or ')}, not ${JSON.stringify(value)}`); }
  return value as T;
}
