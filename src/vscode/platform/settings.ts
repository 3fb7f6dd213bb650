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

/**
 * Where `dynamodbDesigner.connections` came from: a list setting is taken whole from the most
 * specific level that sets it (no merging).
 */
export type ConnectionsOrigin = 'user' | 'workspace' | 'default';

/**
 * Settings that send credentials or requests somewhere: in an untrusted workspace only the user's
 * own value counts (package.json capabilities.untrustedWorkspaces.restrictedConfigurations lists
 * them too, which makes VS Code ignore the workspace's; this accessor does not rely on it).
 */
export const RESTRICTED_SETTINGS = ['connections'] as const;

export interface Settings {
  readonly connections: readonly ConnectionSetting[];
  /** Where `connections` came from (in an untrusted workspace never the workspace). */
  readonly connectionsOrigin: ConnectionsOrigin;
  readonly regions: readonly string[];
  readonly showAwsProfiles: boolean;
  readonly localEnabled: boolean;
  readonly filterTables: string;
  readonly configFiles: readonly string[];
  readonly advice: boolean;
  readonly pageSize: number;
  readonly maxColumns: number;
  /** Parallel Scan segments of the item browser's "Export all" of a Scan. */
  readonly exportSegments: number;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const connections = connectionsSetting(c);
  return {
    connections: (Array.isArray(connections.value) ? connections.value as ConnectionSetting[] : []).filter(x => x && typeof x.type === 'string'),
    connectionsOrigin: connections.origin,
    regions: c.get<string[]>('regions', ['us-east-1']),
    showAwsProfiles: c.get('showAwsProfiles', true),
    localEnabled: c.get('local.enabled', true),
    filterTables: c.get('filterTables', ''),
    configFiles: c.get<string[]>('configFiles', []),
    advice: c.get('validation.advice', true),
    pageSize: c.get('items.pageSize', 100),
    maxColumns: c.get('items.maxColumns', 8),
    exportSegments: Math.max(1, Math.min(64, Math.floor(c.get('items.exportSegments', 1)) || 1)),
  };
}

/** `connections` and its level: the workspace's (or a folder's) only in a trusted workspace. */
function connectionsSetting(c: vscode.WorkspaceConfiguration): { value: unknown; origin: ConnectionsOrigin } {
  const inspected = c.inspect<unknown>('connections');
  if (vscode.workspace.isTrusted) {
    const workspace = inspected?.workspaceValue;
    if (workspace !== undefined) { return { value: workspace, origin: 'workspace' }; }
  }
  if (inspected?.globalValue !== undefined) { return { value: inspected.globalValue, origin: 'user' }; }
  return { value: inspected?.defaultValue ?? [], origin: 'default' };
}

/** Where a connection listed in `dynamodbDesigner.connections` came from, in words for its tooltip. */
export function describeConnectionsOrigin(origin: ConnectionsOrigin): string {
  const file = vscode.workspace.workspaceFile?.scheme === 'file' ? vscode.workspace.workspaceFile.fsPath : '.vscode/settings.json';
  switch (origin) {
    case 'workspace': return `Listed in the workspace settings (\`dynamodbDesigner.connections\` in ${file}): this workspace's files chose it.`;
    case 'user': return 'Listed in your user settings (`dynamodbDesigner.connections`).';
    case 'default': return '';
  }
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
