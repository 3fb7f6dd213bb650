/**
 * The design view's data and actions, shared by its panel and its commands: the design of a
 * config's table (its TableSpec and the design designOf gives) or of a live table (its indexes
 * only), exported as Markdown into a new editor, turned into data-access code (TypeScript or
 * Python) into a new editor or a file the person picks.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { codeModel } from '../../design/codegen/model';
import { generatePython } from '../../design/codegen/python';
import { generateTypeScript } from '../../design/codegen/typescript';
import { designMarkdown } from '../../design/markdown';
import { designView, shapeOfLive, shapeOfSpec } from '../../design/view';
import { describeTable } from '../../dynamo/tables';
import { targetLocationLabel } from '../../dynamo/connections';
import type { DesignSpec } from '../../model/design';
import type { TableShape } from '../../model/designView';
import { valueOf } from '../../model/spec';
import type { DesignData, DesignLanguage, PanelTarget } from '../../../webview/protocol';
import type { ConfigDiagnostics } from '../language/diagnostics';
import { UserError } from '../platform/errors';
import { freeFile, mayWrite } from '../platform/files';
import { BACK } from '../platform/prompts';
import type { Prompts } from '../platform/prompts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { designOf } from './designOf';

/** `connectionId` of a design view target that is a config's table. */
export const CONFIG_CONNECTION = 'config';

export interface DesignContext {
  client(connectionId: string, region: string): Promise<DynamoDBClient>;
  readonly diagnostics: ConfigDiagnostics;
  readonly prompts: () => Prompts;
}

/** A design view target for a table of a config document. */
export function configTarget(uri: vscode.Uri, tableName: string): PanelTarget {
  return { connectionId: CONFIG_CONNECTION, connectionLabel: posix.basename(uri.path), region: '', tableName, configUri: uri.toString() };
}

interface Loaded {
  readonly data: DesignData;
  readonly table: TableShape;
  readonly design: DesignSpec;
}

const LANGUAGES: Readonly<Record<DesignLanguage, { label: string; languageId: string; extension: string; filter: string }>> = {
  typescript: { label: 'TypeScript', languageId: 'typescript', extension: 'ts', filter: 'TypeScript' },
  python: { label: 'Python', languageId: 'python', extension: 'py', filter: 'Python' },
};

export class Designs {
  constructor(private readonly context: DesignContext) {}

  /** The design of a target: read from its config (as the editor holds it now) or its live table. */
  async load(target: PanelTarget, signal?: AbortSignal): Promise<Loaded> {
    if (target.configUri !== undefined) {
      const uri = vscode.Uri.parse(target.configUri, true);
      const document = await vscode.workspace.openTextDocument(uri);
      const fileName = posix.basename(uri.path);
      const analysis = this.context.diagnostics.analysisOf(document);
      if (!analysis) { throw new UserError(`${fileName} is not a DynamoDB table config any more, so it has no design to show.`); }
      // A design sidecar's table is its manifest's.
      const tables = analysis.designTables ?? analysis.tables;
      const spec = tables.find(t => valueOf(t.name) === target.tableName);
      if (!spec) {
        const names = tables.map(t => valueOf(t.name)).filter((n): n is string => n !== undefined);
        throw new UserError(`${fileName} has no table ${target.tableName}${names.length ? ` (its tables: ${names.join(', ')})` : ''}.`);
      }
      const table = shapeOfSpec(spec);
      const design = designOf(document, analysis);
      return { table, design, data: { target, source: fileName, live: false, view: designView(table, design) } };
    }
    const client = await this.context.client(target.connectionId, target.region);
    const live = await describeTable(client, target.tableName, { signal });
    const table = shapeOfLive(live);
    const design: DesignSpec = { entities: [], patterns: [] };
    return { table, design, data: { target, source: targetLocationLabel(target), live: true, view: designView(table, design) } };
  }

  /** Opens the design as Markdown in a new editor beside. */
  async exportMarkdown(target: PanelTarget): Promise<vscode.TextDocument> {
    const { data } = await this.load(target);
    const content = designMarkdown(data.view, { source: data.source });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return document;
  }

  /**
   * Generates data-access code for a target's design: the language (asked when not given), then a
   * new untitled editor or a file (never over an existing one without asking). Undefined when
   * the person dismissed a question.
   */
  async generateCode(target: PanelTarget, language?: DesignLanguage): Promise<vscode.TextDocument | undefined> {
    const prompts = this.context.prompts();
    const loaded = await this.load(target);
    if (loaded.design.entities.filter(e => e.table === loaded.table.name).length === 0) {
      throw new UserError(`${loaded.data.source} declares no entities for the table ${target.tableName}: there is no data-access code to generate.`);
    }
    let chosen = language;
    if (!chosen) {
      const picked = await prompts.pick((Object.keys(LANGUAGES) as DesignLanguage[]).map(id => ({
        label: LANGUAGES[id].label, description: id === 'typescript' ? 'AWS SDK v3 document client' : 'boto3', id,
      })), { title: `Generate data-access code for ${target.tableName}`, placeHolder: 'Language' });
      if (picked === undefined || picked === BACK) { return undefined; }
      chosen = picked.id;
    }
    const lang = LANGUAGES[chosen];
    const model = codeModel(loaded.table, loaded.design);
    const code = chosen === 'typescript' ? generateTypeScript(model, { source: loaded.data.source }) : generatePython(model, { source: loaded.data.source });
    const where = await prompts.pick([
      { label: 'New editor', description: 'untitled, to save where you like', id: 'editor' as const },
      { label: 'File…', description: 'pick where to write it', id: 'file' as const },
    ], { title: `${lang.label} data-access code for ${target.tableName}`, placeHolder: 'Where to put it' });
    if (where === undefined || where === BACK) { return undefined; }
    if (where.id === 'editor') {
      const document = await vscode.workspace.openTextDocument({ language: lang.languageId, content: code });
      await vscode.window.showTextDocument(document, { preview: false });
      return document;
    }
    const folder = target.configUri !== undefined
      ? vscode.Uri.joinPath(vscode.Uri.parse(target.configUri, true), '..')
      : vscode.workspace.workspaceFolders?.[0]?.uri;
    const stem = target.tableName.replace(/[^A-Za-z0-9]+/g, chosen === 'python' ? '_' : '-').replace(/^[-_]+|[-_]+$/g, '').toLowerCase() || 'table';
    const name = chosen === 'python' ? `${stem}_access.py` : `${stem}-access.ts`;
    const uri = await prompts.saveLocation({
      ...(folder ? { defaultUri: await freeFile(folder, name) } : {}),
      filters: { [lang.filter]: [lang.extension] }, saveLabel: 'Generate', title: `Save the ${lang.label} data-access code for ${target.tableName}`,
    });
    if (!uri) { return undefined; }
    if (!(await mayWrite(prompts, uri, `the generated ${lang.label} code`))) { return undefined; }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(code));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }
}
