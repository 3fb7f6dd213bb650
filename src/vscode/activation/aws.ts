/**
 * The AWS bundle (dist/aws.js): the services (connections, SDK clients, the embedded local
 * DynamoDB), the explorer, the panels and every command. The entry (src/extension.ts) loads it on
 * the first use of the explorer, a panel or a command, after the language bundle (the config
 * commands work on its analyses). It registers the real command handlers: the entry has disposed
 * its stand-ins just before.
 */
import * as vscode from 'vscode';
import { registerApply } from '../commands/apply';
import type { ConfigCommandContext } from '../commands/config';
import { registerDelete } from '../commands/deleteTable';
import { registerDesignCommands } from '../design/commands';
import { Designs } from '../design/designs';
import { registerExplorerCommands } from '../commands/explorer';
import { registerExport } from '../commands/exportConfig';
import { registerDataCommands } from '../commands/data';
import { registerNewConfigCommand } from '../commands/newConfig';
import { registerPanelCommands } from '../commands/panels';
import { registerPatterns } from '../commands/patterns';
import { PlanDocuments, registerPreview } from '../commands/preview';
import { ConfigTargets, registerChooseTarget } from '../commands/target';
import type { ExplorerNode } from '../explorer/nodes';
import { ExplorerProvider } from '../explorer/provider';
import { findPanel, registerPanels } from '../panels/panels';
import { QueryHistory } from '../partiql/history';
import { registerPartiql } from '../partiql/register';
import type { PanelServices } from '../panels/services';
import type { Log } from '../platform/log';
import type { Prompts } from '../platform/prompts';
import { readSettings } from '../platform/settings';
import { Services } from '../services';
import type { LanguageFeatures } from './language';

/** What the entry made before this bundle was loaded. */
export interface Shell {
  readonly log: Log;
  /** The explorer's tree view; its provider forwards to `AwsFeatures.explorer` once loaded. */
  readonly view: vscode.TreeView<unknown>;
}

export interface AwsFeatures {
  readonly services: Services;
  readonly explorer: ExplorerProvider;
  readonly targets: ConfigTargets;
  readonly plans: PlanDocuments;
  readonly findPanel: typeof findPanel;
  setPrompts(prompts: Prompts): Prompts;
  /** Stops the embedded server (deactivate). */
  shutdown(): Promise<void>;
}

export function activateAws(context: vscode.ExtensionContext, shell: Shell, language: LanguageFeatures): AwsFeatures {
  const { log } = shell;
  const view = shell.view as vscode.TreeView<ExplorerNode>;
  const { diagnostics } = language;
  const services = new Services(context, log);
  const explorer = new ExplorerProvider(services);
  context.subscriptions.push(
    services,
    explorer,
    ...registerExplorerCommands(services, explorer, view),
  );

  const designs = new Designs({ client: (connectionId, region) => services.client(connectionId, region), diagnostics, prompts: () => services.prompts });
  const history = new QueryHistory(context.workspaceState);
  const panels: PanelServices = {
    client: (connectionId, region) => services.client(connectionId, region),
    log,
    history,
    get prompts() { return services.prompts; },
    settings: () => { const s = readSettings(); return { pageSize: s.pageSize, maxColumns: s.maxColumns, exportSegments: s.exportSegments }; },
    exportAsConfig: async target => { await vscode.commands.executeCommand('dynamodbDesigner.exportTableAsConfig', target); },
    designs,
    onDidAnalyze: diagnostics.onDidAnalyze,
  };
  registerPanels(context, panels);
  context.subscriptions.push(...registerPanelCommands(context, services, panels));
  context.subscriptions.push(registerNewConfigCommand(services, explorer));
  context.subscriptions.push(...registerDesignCommands(context, services, panels, diagnostics, designs));
  context.subscriptions.push(...registerPartiql(context, services, panels, history));

  const targets = new ConfigTargets(context.workspaceState, services, diagnostics);
  const configs: ConfigCommandContext = { services, diagnostics, targets, explorer };
  const plans = new PlanDocuments();
  context.subscriptions.push(
    targets,
    ...registerPreview(configs, plans),
    ...registerApply(configs, plans),
    ...registerDelete(configs),
    ...registerPatterns(configs),
    ...registerExport(services, targets),
    registerChooseTarget(targets, diagnostics, log),
  );
  context.subscriptions.push(...registerDataCommands(services, explorer));

  const setPrompts = (prompts: Prompts): Prompts => {
    const previous = services.prompts;
    services.prompts = prompts;
    return previous;
  };
  return { services, explorer, targets, plans, findPanel, setPrompts, shutdown: () => services.shutdown() };
}
