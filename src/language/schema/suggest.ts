/**
 * "Did you mean": the known key an unknown key most likely meant, and the valid enum value a
 * wrong one most likely meant (aliases, case, dialect prefixes, small typos). Pure.
 */
import { dialects, registryGeneration } from '../dialects/registry';

function squash(text: string): string {
  return text.toLowerCase().replace(/[_\-\s.]/g, '');
}

/** Whether most of these keys are snake_case (`key_schema`) rather than camelCase (`keySchema`). */
export function prefersSnakeCase(keys: Iterable<string>): boolean {
  let snake = 0;
  let camel = 0;
  for (const key of keys) {
    if (key.includes('_')) { snake++; } else if (/[a-z][A-Z]/.test(key)) { camel++; }
  }
  return snake > camel;
}

/**
 * The known key an unknown key most likely meant: equal ignoring case and separators
 * (`billingMode` for `billing_mode`), or within a small edit distance (`billng_mode`). Among
 * ties, the one written in the style of the keys already present. Undefined when none is close.
 */
export function closestKey(key: string, candidates: readonly string[], present: ReadonlySet<string> = new Set(), snakeStyle = prefersSnakeCase([...present, key])): string | undefined {
  const target = squash(key);
  let best: { key: string; score: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, squash(candidate));
    const limit = Math.max(1, Math.floor(Math.max(target.length, 4) / 4));
    if (distance > limit) { continue; }
    const styleMatches = candidate.includes('_') === snakeStyle || !/[_A-Z]/.test(candidate);
    const score = distance * 2 + (styleMatches ? 0 : 1);
    if (!best || score < best.score) { best = { key: candidate, score }; }
  }
  return best?.key;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) { return 0; }
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, d[i - 2][j - 2] + 1); }
      d[i][j] = v;
    }
  }
  return d[rows - 1][cols - 1];
}

/** Other names users write for enum values (canonical, without dialect prefixes). */
const ENUM_ALIASES: Readonly<Record<string, string>> = {
  ON_DEMAND: 'PAY_PER_REQUEST',
  ONDEMAND: 'PAY_PER_REQUEST',
  PAYPERREQUEST: 'PAY_PER_REQUEST',
  PER_REQUEST: 'PAY_PER_REQUEST',
  STRING: 'S',
  NUMBER: 'N',
  BINARY: 'B',
  PARTITION: 'HASH',
  PARTITION_KEY: 'HASH',
  SORT: 'RANGE',
  SORT_KEY: 'RANGE',
  KEYS: 'KEYS_ONLY',
  STANDARD_IA: 'STANDARD_INFREQUENT_ACCESS',
  INFREQUENT_ACCESS: 'STANDARD_INFREQUENT_ACCESS',
  NEW_AND_OLD: 'NEW_AND_OLD_IMAGES',
  BOTH: 'NEW_AND_OLD_IMAGES',
  NEW: 'NEW_IMAGE',
  OLD: 'OLD_IMAGE',
};

let prefixes: { readonly generation: number; readonly list: readonly string[] } | undefined;

/** The type prefixes enum values carry in the registered dialects (planton's proto enum names). */
function enumPrefixes(): readonly string[] {
  if (prefixes?.generation === registryGeneration()) { return prefixes.list; }
  const out = new Set<string>();
  for (const d of dialects()) {
    for (const prefix of Object.values(d.vocabulary.enumPrefixes ?? {})) { if (prefix) { out.add(prefix); } }
  }
  prefixes = { generation: registryGeneration(), list: [...out] };
  return prefixes.list;
}

function stripPrefix(value: string): string {
  const prefix = enumPrefixes().find(p => value.startsWith(p) && value.length > p.length);
  return prefix ? value.slice(prefix.length) : value;
}

/**
 * The valid value a wrong enum value most likely meant, and whether the match is confident
 * (an alias, a case or prefix variant, or a small typo). ON_DEMAND -> PAY_PER_REQUEST;
 * PAY_PER_REQUEST -> BILLING_MODE_PAY_PER_REQUEST among planton's values; `provisioned` ->
 * PROVISIONED; BILLING_MODE_PROVISIONED -> PROVISIONED among unprefixed values.
 */
export function closestEnumValue(value: unknown, allowed: readonly unknown[]): { value: unknown; confident: boolean } | undefined {
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  if (strings.length === 0) { return allowed.length > 0 ? { value: allowed[0], confident: allowed.length === 1 } : undefined; }
  if (strings.length === 1) { return { value: strings[0], confident: true }; }
  const raw = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  const normalized = raw.trim().toUpperCase().replace(/[\s-]+/g, '_');
  const core = stripPrefix(normalized);
  const wanted = ENUM_ALIASES[core] ?? ENUM_ALIASES[core.replace(/_/g, '')] ?? core;
  const coreOf = (v: string): string => stripPrefix(v.toUpperCase());
  const exact = strings.find(v => coreOf(v) === wanted || v.toUpperCase() === normalized);
  if (exact) { return { value: exact, confident: true }; }
  let best: { value: string; distance: number } | undefined;
  for (const v of strings) {
    const distance = editDistance(wanted.replace(/_/g, ''), coreOf(v).replace(/_/g, ''));
    if (!best || distance < best.distance) { best = { value: v, distance }; }
  }
  if (!best) { return undefined; }
  const limit = Math.max(1, Math.floor(coreOf(best.value).length / 4));
  return { value: best.value, confident: wanted.length > 0 && best.distance <= limit };
}
