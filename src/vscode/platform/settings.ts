/** The one typed accessor for `dynamodbDesigner.*` settings. */
import * as vscode from 'vscode';

export const SECTION = 'dynamodbDesigner';

export interface ConnectionSetting {
  readonly type: 'profile' | 'env' | 'endpoint' | 'local';
  readonly name?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly regions?: readonly string[];
}

export interface Settings {
  readonly connections: readonly ConnectionSetting[];
  readonly regions: readonly string[];
  readonly showAwsProfiles: boolean;
  readonly localEnabled: boolean;
  readonly filterTables: string;
  readonly configFiles: readonly string[];
  readonly advice: boolean;
  readonly pageSize: number;
  readonly maxColumns: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    connections: c.get<ConnectionSetting[]>('connections', []).filter(x => x && typeof x.type === 'string'),
    regions: c.get<string[]>('regions', ['us-east-1']),
    showAwsProfiles: c.get('showAwsProfiles', true),
    localEnabled: c.get('local.enabled', true),
    filterTables: c.get('filterTables', ''),
    configFiles: c.get<string[]>('configFiles', []),
    advice: c.get('validation.advice', true),
    pageSize: c.get('items.pageSize', 100),
    maxColumns: c.get('items.maxColumns', 8),
  };
}

export async function updateSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}

/** Calls `listener` when any of the given `dynamodbDesigner.*` keys change. */
export function onSettingsChanged(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (keys.some(k => e.affectsConfiguration(`${SECTION}.${k}`))) { listener(); }
  });
}
