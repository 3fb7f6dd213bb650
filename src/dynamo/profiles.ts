/**
 * AWS profiles from the shared config and credentials files, as non-secret facts: the name, how
 * credentials are obtained (kind), region, SSO session / start URL, role and source profile,
 * credential process presence, endpoint URL. The files are parsed by the SDK's own loader
 * (`loadSharedConfigFiles`, which honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE);
 * this module never copies a key, secret, token or the credential process command line.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';

export type ProfileKind = 'static' | 'sso' | 'role' | 'process' | 'unknown';

/** Environment variables as a plain map (process.env or a test's copy). */
export type EnvLike = Readonly<Record<string, string | undefined>>;

/** A section of a parsed ini file (what the SDK's loader returns). */
export type IniSection = Readonly<Record<string, string | undefined>>;
export type IniData = Readonly<Record<string, IniSection>>;

export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region?: string;
  /** `sso_session` name (new style) or undefined. */
  readonly ssoSession?: string;
  /** From the profile (legacy style) or its sso-session section. */
  readonly ssoStartUrl?: string;
  readonly ssoRegion?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  /** True when the profile runs a `credential_process` (the command itself is not kept). */
  readonly credentialProcess: boolean;
  /** DynamoDB endpoint: the `services` section's `dynamodb.endpoint_url`, else the profile's `endpoint_url`. */
  readonly endpointUrl?: string;
  /** Which files define the profile. */
  readonly sources: readonly ('config' | 'credentials')[];
}

export interface SharedFilePaths {
  readonly configFile?: string;
  readonly credentialsFile?: string;
}

/** The config and credentials file paths the environment asks for (undefined: the SDK's default). */
export function sharedFilePaths(env: EnvLike): SharedFilePaths {
  return { configFile: env.AWS_CONFIG_FILE || undefined, credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || undefined };
}

/** The profile the environment selects (AWS_PROFILE, else `default`). */
export function defaultProfileName(env: EnvLike): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

function has(section: IniSection | undefined, key: string): boolean {
  return !!section && typeof section[key] === 'string' && section[key] !== '';
}

/**
 * Facts of one profile from the parsed files. Pure. The kind follows the SDK's `fromIni` order:
 * role (role_arn, web identity) before static keys, then process, then SSO.
 */
export function profileFacts(name: string, config: IniData, credentials: IniData): ProfileInfo {
  const fromConfig = config[name];
  const fromCredentials = credentials[name];
  // Credentials file values win over config ones for the same key, as in the SDK's merge.
  const merged: Record<string, string | undefined> = { ...fromConfig, ...fromCredentials };
  const ssoSession = merged.sso_session;
  const session = ssoSession ? config[`sso-session.${ssoSession}`] : undefined;
  const kind: ProfileKind = has(merged, 'role_arn') || has(merged, 'web_identity_token_file') ? 'role'
    : has(merged, 'aws_access_key_id') ? 'static'
      : has(merged, 'credential_process') ? 'process'
        : has(merged, 'sso_session') || has(merged, 'sso_start_url') || has(merged, 'sso_account_id') ? 'sso'
          : 'unknown';
  const services = merged.services ? config[`services.${merged.services}`] : undefined;
  const endpointUrl = services?.['dynamodb.endpoint_url'] || merged.endpoint_url || undefined;
  const sources: ('config' | 'credentials')[] = [];
  if (fromConfig) { sources.push('config'); }
  if (fromCredentials) { sources.push('credentials'); }
  return {
    name,
    kind,
    region: merged.region || undefined,
    ssoSession: ssoSession || undefined,
    ssoStartUrl: merged.sso_start_url || session?.sso_start_url || undefined,
    ssoRegion: merged.sso_region || session?.sso_region || undefined,
    ssoAccountId: merged.sso_account_id || undefined,
    ssoRoleName: merged.sso_role_name || undefined,
    roleArn: merged.role_arn || undefined,
    sourceProfile: merged.source_profile || undefined,
    credentialSource: merged.credential_source || undefined,
    credentialProcess: has(merged, 'credential_process'),
    endpointUrl,
    sources,
  };
}

/** Profile names of parsed files: config `[profile X]`/`[default]` and credentials `[X]`, sorted, `default` first. */
export function profileNames(config: IniData, credentials: IniData): string[] {
  const names = new Set<string>();
  for (const key of Object.keys(config)) {
    // The loader keeps `sso-session.X` and `services.X` sections under prefixed keys.
    if (!key.startsWith('sso-session.') && !key.startsWith('services.')) { names.add(key); }
  }
  for (const key of Object.keys(credentials)) { names.add(key); }
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/** Reads every profile of the shared files (fresh each call, so edits are seen on refresh). */
export async function readProfiles(env: EnvLike = process.env): Promise<ProfileInfo[]> {
  const paths = sharedFilePaths(env);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.configFile, filepath: paths.credentialsFile, ignoreCache: true,
  });
  return profileNames(configFile, credentialsFile).map(name => profileFacts(name, configFile, credentialsFile));
}
