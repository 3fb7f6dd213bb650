/**
 * Where a config is previewed and applied: a connection and a region. The region is the file's
 * own where the dialect has one (genesys `region`); otherwise, like the connection, it is asked
 * once per file and remembered in the workspace state. The status bar shows the target of the
 * active config and changes it on click. Also sets the `dynamodbDesigner.activeIsConfig` and
 * `dynamodbDesigner.activeIsNotConfig` context keys for the editor menus.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { ignoresRegion, locationLabel } from '../../dynamo/connections';
import { isAwsRegion } from '../../model/spec';
import type { Connection } from '../../dynamo/connections';
import type { Analysis } from '../../language/service';
import { configRegion } from '../../model/spec';
import type { ConfigDiagnostics } from '../language/diagnostics';
import { registerCommand } from './register';
import type { Log } from '../platform/log';
import { BACK } from '../platform/prompts';
import type { Services } from '../services';
import { configDocument } from './config';
import { pickConnection } from './tableRef';

const STATE_KEY = 'dynamodbDesigner.configTargets';

interface Remembered { readonly connectionId: string; readonly region?: string }

export interface ConfigTarget {
  readonly connection: Connection;
  readonly region: string;
  /** The region came from the file itself. */
  readonly regionFromFile: boolean;
  /** The file's own region, on a connection whose server ignores regions (the embedded one). */
  readonly ignoredRegion?: string;
}

/** `Local (embedded) · any region`, `dev · eu-west-1`. */
export function targetLabel(target: ConfigTarget): string {
  return locationLabel(target.connection, target.region);
}

/** What the target label leaves out: where its region came from, or that the server ignores it. */
export function targetNote(target: ConfigTarget): string {
  if (target.ignoredRegion) { return ` (the file's region ${target.ignoredRegion} is ignored by this server)`; }
  return target.regionFromFile ? ' (region from the file)' : '';
}

/**
 * The target on a connection: the file's region where the server keeps tables per region; the
 * connection's one region where it ignores them (the file's region then noted as ignored).
 */
export function targetOn(connection: Connection, region: string, own: string | undefined): ConfigTarget {
  if (ignoresRegion(connection)) {
    return { connection, region: connection.regions[0], regionFromFile: false, ...(own ? { ignoredRegion: own } : {}) };
  }
  return { connection, region: own ?? region, regionFromFile: Boolean(own) };
}

export class ConfigTargets implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dynamodbDesigner.configTarget', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a file's remembered target changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly services: Services, private readonly diagnostics: ConfigDiagnostics) {
    this.item.name = 'DynamoDB config target';
    this.item.command = 'dynamodbDesigner.chooseConfigTarget';
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => void this.showActive()),
      diagnostics.onDidAnalyze(uri => { if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) { void this.showActive(); } }),
      services.onDidChangeConnections(() => void this.showActive()),
      this.onDidChange(() => void this.showActive()),
    );
    void this.showActive();
  }

  private all(): Record<string, Remembered> {
    return this.state.get<Record<string, Remembered>>(STATE_KEY, {});
  }

  /** Remembers a target for a file (also used by export, so the new file plans against its table). */
  async remember(uri: vscode.Uri, connectionId: string, region: string | undefined): Promise<void> {
    await this.state.update(STATE_KEY, { ...this.all(), [uri.toString()]: { connectionId, ...(region ? { region } : {}) } });
    this.changed.fire(uri);
  }

  /** The target without asking anything; undefined when some part of it is still to be chosen. */
  async known(uri: vscode.Uri, analysis: Pick<Analysis, 'tables'>): Promise<ConfigTarget | undefined> {
    const connections = await this.services.connections();
    const saved = this.all()[uri.toString()];
    const connection = connections.find(c => c.id === saved?.connectionId) ?? (connections.length === 1 ? connections[0] : undefined);
    if (!connection) { return undefined; }
    const own = configRegion(analysis.tables);
    if (own || ignoresRegion(connection)) { return targetOn(connection, connection.regions[0], own); }
    const region = saved?.connectionId === connection.id ? saved.region : undefined;
    if (region) { return targetOn(connection, region, undefined); }
    return connection.regions.length === 1 ? targetOn(connection, connection.regions[0], undefined) : undefined;
  }

  /** The target, asking for what is not known yet (or for everything when `again`). */
  async resolve(document: vscode.TextDocument, analysis: Analysis, options: { again?: boolean } = {}): Promise<ConfigTarget | undefined> {
    if (!options.again) {
      const known = await this.known(document.uri, analysis);
      if (known) { return known; }
    }
    const name = posix.basename(document.uri.path);
    const own = configRegion(analysis.tables);
    const connections = await this.services.connections();
    const previous = this.all()[document.uri.toString()];
    // A region step follows only where the server keeps tables per region and there is a choice
    // (pickRegion's own test): without one on any connection, the picker is the only step.
    const asksRegion = (c: Connection) => !own && !ignoresRegion(c) && (c.regions.length > 1 || (previous?.connectionId === c.id && Boolean(previous.region)));
    const totalSteps = connections.some(asksRegion) ? 2 : 1;
    for (;;) {
      const ordered = [...connections].sort((a, b) => Number(b.id === previous?.connectionId) - Number(a.id === previous?.connectionId));
      const connection = await pickConnection(this.services.prompts, ordered, {
        title: `Target of ${name}: connection`, step: 1, totalSteps, current: previous?.connectionId,
      });
      if (!connection) { return undefined; }
      let region = own ?? connection.regions[0];
      if (!own && !ignoresRegion(connection)) {
        const picked = await this.pickRegion(connection, name, previous?.connectionId === connection.id ? previous.region : undefined);
        if (picked === BACK) { if (connections.length > 1) { continue; } return undefined; }
        if (picked === undefined) { return undefined; }
        region = picked;
      }
      const target = targetOn(connection, region, own);
      await this.remember(document.uri, connection.id, own || ignoresRegion(connection) ? undefined : region);
      return target;
    }
  }

  private async pickRegion(connection: Connection, file: string, previous: string | undefined): Promise<string | undefined | typeof BACK> {
    if (connection.regions.length === 1 && !previous) { return connection.regions[0]; } // keep in step with asksRegion in resolve
    const regions = [...new Set([previous, ...connection.regions].filter((r): r is string => Boolean(r)))];
    const other = { label: '$(edit) Other region…', region: '' };
    const items = regions.map(r => ({ label: r, region: r, ...(r === previous ? { description: 'current', iconPath: new vscode.ThemeIcon('check') } : {}) }));
    const picked = await this.services.prompts.pick([...items, other], {
      title: `Target of ${file}: region on ${connection.label}`, step: 2, totalSteps: 2, ...(previous ? { active: items.find(i => i.region === previous) } : {}),
    });
    if (picked === BACK || picked === undefined) { return picked; }
    if (picked !== other) { return picked.region; }
    const typed = await this.services.prompts.input({
      title: `Target of ${file}: region on ${connection.label}`, step: 2, totalSteps: 2, placeHolder: 'eu-west-1',
      validate: v => (isAwsRegion(v.trim()) ? undefined : 'A region looks like us-east-1 or eu-west-2'),
    });
    return typeof typed === 'string' ? typed.trim() : typed;
  }

  /** The status bar entry and the editor context key for the active editor. */
  private async showActive(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const analysis = editor && editor.document.uri.scheme === 'file' ? await this.diagnostics.analysisFor(editor.document) : undefined;
    if (editor !== vscode.window.activeTextEditor) { return; }
    void vscode.commands.executeCommand('setContext', 'dynamodbDesigner.activeIsConfig', analysis !== undefined);
    // The menus show the config commands on any TOML or YAML file until activation knows better
    // (package.json): this key hides them on a file found to be no table config.
    void vscode.commands.executeCommand('setContext', 'dynamodbDesigner.activeIsNotConfig', Boolean(editor) && analysis === undefined);
    if (!editor || !analysis) { this.item.hide(); return; }
    const target = await this.known(editor.document.uri, analysis).catch(() => undefined);
    if (editor !== vscode.window.activeTextEditor) { return; }
    this.item.text = target ? `$(database) ${targetLabel(target)}` : '$(database) DynamoDB: choose target';
    this.item.tooltip = target
      ? `Preview and apply this config on ${targetLabel(target)}${targetNote(target)}. Click to change.`
      : 'Choose the connection and region this config is previewed and applied on.';
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach(d => d.dispose());
  }
}

/** Choose Connection and Region for Config: asks again for the active (or given) config. */
export function registerChooseTarget(targets: ConfigTargets, diagnostics: ConfigDiagnostics, log: Log): vscode.Disposable {
  return registerCommand(log, 'dynamodbDesigner.chooseConfigTarget', { doing: 'Choosing the target of the config' }, async (_run, argument?: unknown) => {
    const config = await configDocument(diagnostics, argument, 'choose a target for');
    return targets.resolve(config.document, config.analysis, { again: true });
  });
}
