/**
 * activate(): builds the services, registers everything in context.subscriptions, nothing else.
 */
import * as vscode from 'vscode';
import { registerApply } from './vscode/commands/apply';
import type { ConfigCommandContext } from './vscode/commands/config';
import { registerDelete } from './vscode/commands/deleteTable';
import { registerExplorerCommands } from './vscode/commands/explorer';
import { registerExport } from './vscode/commands/exportConfig';
import { registerNewConfigCommand } from './vscode/commands/newConfig';
import { registerPanelCommands } from './vscode/commands/panels';
import { PlanDocuments, registerPreview } from './vscode/commands/preview';
import { ConfigTargets, registerChooseTarget } from './vscode/commands/target';
import type { ExplorerNode } from './vscode/explorer/nodes';
import { ExplorerProvider } from './vscode/explorer/provider';
import { ConfigCodeActions } from './vscode/language/codeActions';
import { ConfigDiagnostics } from './vscode/language/diagnostics';
import { ConfigCompletion, ConfigHover } from './vscode/language/providers';
import { findPanel, registerPanels } from './vscode/panels/panels';
import type { PanelServices } from './vscode/panels/services';
import { createLog } from './vscode/platform/log';
import type { Prompts } from './vscode/platform/prompts';
import { readSettings } from './vscode/platform/settings';
import { Services } from './vscode/services';

/** What the extension returns from activate(): used by the e2e tests. */
export interface ExtensionApi {
  readonly services: Services;
  readonly explorer: ExplorerProvider;
  readonly diagnostics: ConfigDiagnostics;
  readonly targets: ConfigTargets;
  readonly plans: PlanDocuments;
  /** The open panel of a kind for a table (e2e). */
  readonly findPanel: typeof findPanel;
  /** Replaces the person answering prompts (e2e); returns the previous one. */
  setPrompts(prompts: Prompts): Prompts;
}

/** The documents the language features serve: TOML and YAML files on disk or unsaved. */
const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { language: 'toml', scheme: 'file' }, { language: 'toml', scheme: 'untitled' },
  { language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' },
];

let shutdown: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = createLog();
  context.subscriptions.push(log);
  log.info(`DynamoDB Designer ${String(context.extension.packageJSON.version)} activating`);

  const services = new Services(context, log);
  shutdown = () => services.shutdown();
  const explorer = new ExplorerProvider(services);
  const view = vscode.window.createTreeView<ExplorerNode>('dynamodbDesigner.explorer', { treeDataProvider: explorer, showCollapseAll: true });
  context.subscriptions.push(
    services,
    explorer,
    view,
    ...registerExplorerCommands(services, explorer, view),
    vscode.commands.registerCommand('dynamodbDesigner.showLog', () => log.show()),
  );

  const diagnostics = new ConfigDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'README.md'));
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigCodeActions(diagnostics), ConfigCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new ConfigCompletion(diagnostics), '=', ':', ' ', '"', '\n'),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHover(diagnostics)),
  );

  const panels: PanelServices = {
    client: (connectionId, region) => services.client(connectionId, region),
    log,
    get prompts() { return services.prompts; },
    settings: () => { const s = readSettings(); return { pageSize: s.pageSize, maxColumns: s.maxColumns }; },
    exportAsConfig: async target => { await vscode.commands.executeCommand('dynamodbDesigner.exportTableAsConfig', target); },
  };
  registerPanels(context, panels);
  context.subscriptions.push(...registerPanelCommands(context, services, panels));
  context.subscriptions.push(registerNewConfigCommand(services, explorer));

  const targets = new ConfigTargets(context.workspaceState, services, diagnostics);
  const configs: ConfigCommandContext = { services, diagnostics, targets, explorer };
  const plans = new PlanDocuments();
  context.subscriptions.push(
    targets,
    ...registerPreview(configs, plans),
    ...registerApply(configs, plans),
    ...registerDelete(configs),
    ...registerExport(services, targets),
    registerChooseTarget(targets, diagnostics, log),
  );

  const setPrompts = (prompts: Prompts): Prompts => {
    const previous = services.prompts;
    services.prompts = prompts;
    return previous;
  };
  return { services, explorer, diagnostics, targets, plans, findPanel, setPrompts };
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
}
