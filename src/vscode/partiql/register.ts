/** Registers the PartiQL language features and the PartiQL, history and saved-query commands (from the AWS bundle). */
import * as vscode from 'vscode';
import type { PanelServices } from '../panels/services';
import type { Services } from '../services';
import { registerPartiqlCommands } from './commands';
import type { QueryHistory } from './history';
import { PartiqlCatalog, PartiqlTargets, registerPartiqlLanguage } from './language';

export function registerPartiql(context: vscode.ExtensionContext, services: Services, panels: PanelServices, history: QueryHistory): vscode.Disposable[] {
  const targets = new PartiqlTargets(context.workspaceState, services);
  const catalog = new PartiqlCatalog(services);
  const diagnostics = vscode.languages.createDiagnosticCollection('partiql');
  return [
    targets, diagnostics,
    services.onDidChangeConnections(() => catalog.clear()),
    ...registerPartiqlLanguage(targets, catalog, services.log),
    ...registerPartiqlCommands({ context, services, panels, targets, catalog, history, diagnostics }),
  ];
}
