/**
 * Open Design View (a config table's CodeLens, a table's explorer context menu, the palette),
 * Export Design as Markdown and Generate Data-Access Code…; and the CodeLens above each table of
 * a config. Thin: the work is in Designs.
 */
import * as vscode from 'vscode';
import type { PanelTarget } from '../../../webview/protocol';
import { valueOf } from '../../model/spec';
import { panelTarget, resolveTableRef } from '../commands/tableRef';
import { registerCommand } from '../commands/register';
import { TableNode } from '../explorer/nodes';
import type { ConfigDiagnostics } from '../language/diagnostics';
import { toRange } from '../language/diagnostics';
import { DesignPanel } from '../panels/designPanel';
import { openDesignView, openPanels } from '../panels/panels';
import type { PanelServices } from '../panels/services';
import { UserError } from '../platform/errors';
import { BACK } from '../platform/prompts';
import type { Services } from '../services';
import { configTarget } from './designs';
import type { Designs } from './designs';

export const OPEN_DESIGN_VIEW = 'dynamodbDesigner.openDesignView';
export const EXPORT_DESIGN_MARKDOWN = 'dynamodbDesigner.exportDesignMarkdown';
export const GENERATE_DATA_ACCESS_CODE = 'dynamodbDesigner.generateDataAccessCode';

function isPanelTarget(value: unknown): value is PanelTarget {
  const v = value as Partial<PanelTarget> | undefined;
  return typeof v?.connectionId === 'string' && typeof v.region === 'string' && typeof v.tableName === 'string' && typeof v.connectionLabel === 'string';
}

/** The table names of a config document (valid ones, in file order). */
function configTables(diagnostics: ConfigDiagnostics, document: vscode.TextDocument): string[] | undefined {
  const analysis = diagnostics.analysisOf(document);
  return analysis?.tables.map(t => valueOf(t.name)).filter((n): n is string => n !== undefined);
}

/**
 * Which design a command is about: a config's table (its URI and the table name, from the
 * CodeLens), a live table (explorer node, panel target), the design view in front, or the active
 * config (asking which table when it has several); from elsewhere, a live table picked.
 */
async function designTarget(services: Services, diagnostics: ConfigDiagnostics, title: string, argument: unknown, tableName: unknown, options: { configOnly?: boolean } = {}): Promise<PanelTarget | undefined> {
  if (argument instanceof vscode.Uri && typeof tableName === 'string') { return configTarget(argument, tableName); }
  if (isPanelTarget(argument)) { return argument; }
  if (argument instanceof TableNode) {
    const ref = await resolveTableRef(services, services.prompts, argument, title);
    return ref ? panelTarget({ ...ref, indexName: undefined }) : undefined;
  }
  const front = [...openPanels.values()].find(p => p instanceof DesignPanel && p.panel.active);
  if (front) { return front.target; }
  const document = argument instanceof vscode.Uri ? await vscode.workspace.openTextDocument(argument) : vscode.window.activeTextEditor?.document;
  const tables = document ? configTables(diagnostics, document) : undefined;
  if (document && tables) {
    if (tables.length === 0) { throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} has no table with a valid name to design.`); }
    if (tables.length === 1) { return configTarget(document.uri, tables[0]!); }
    const picked = await services.prompts.pick(tables.map(t => ({ label: t })), { title, placeHolder: 'Table' });
    return picked === undefined || picked === BACK ? undefined : configTarget(document.uri, picked.label);
  }
  if (options.configOnly) { throw new UserError(`Open a table config (TOML or YAML) with entities to ${title.toLowerCase()} for it.`); }
  const ref = await resolveTableRef(services, services.prompts, undefined, title);
  return ref ? panelTarget({ ...ref, indexName: undefined }) : undefined;
}

/** "Design View" above each table of a config (its name too when the file has several). */
export class DesignLenses implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly diagnostics: ConfigDiagnostics) {
    this.onDidChangeCodeLenses = (listener, thisArg, disposables) => diagnostics.onDidAnalyze(() => listener.call(thisArg, undefined), undefined, disposables);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.diagnostics.analysisOf(document);
    if (!analysis) { return []; }
    const named = analysis.tables.filter(t => valueOf(t.name) !== undefined);
    return named.flatMap(t => {
      const at = analysis.config.map.get(t.pointer);
      const range = at?.keyRange ?? at?.valueRange;
      if (!range) { return []; }
      const line = toRange(range).start.line;
      const name = valueOf(t.name)!;
      return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: named.length > 1 ? `$(type-hierarchy) Design View: ${name}` : '$(type-hierarchy) Design View',
        tooltip: `Entities, index facets, access patterns with their cost, and sample items of ${name}`,
        command: OPEN_DESIGN_VIEW,
        arguments: [document.uri, name],
      })];
    });
  }
}

export function registerDesignCommands(context: vscode.ExtensionContext, services: Services, panels: PanelServices, diagnostics: ConfigDiagnostics, designs: Designs): vscode.Disposable[] {
  return [
    registerCommand(services.log, OPEN_DESIGN_VIEW, { doing: 'Opening the design view' }, async (_run, argument?: unknown, tableName?: unknown) => {
      const target = await designTarget(services, diagnostics, 'Open Design View', argument, tableName);
      if (target) { await openDesignView(context, panels, target); }
      return target;
    }),
    registerCommand(services.log, EXPORT_DESIGN_MARKDOWN, { doing: 'Exporting the design as Markdown' }, async (_run, argument?: unknown, tableName?: unknown) => {
      const target = await designTarget(services, diagnostics, 'Export Design as Markdown', argument, tableName);
      return target ? designs.exportMarkdown(target) : undefined;
    }),
    registerCommand(services.log, GENERATE_DATA_ACCESS_CODE, { doing: 'Generating data-access code' }, async (_run, argument?: unknown, tableName?: unknown) => {
      const target = await designTarget(services, diagnostics, 'Generate Data-Access Code', argument, tableName, { configOnly: true });
      return target ? designs.generateCode(target) : undefined;
    }),
    vscode.languages.registerCodeLensProvider([{ language: 'toml' }, { language: 'yaml' }], new DesignLenses(diagnostics)),
  ];
}
