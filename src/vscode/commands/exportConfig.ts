/**
 * Export Table as Config: a live table written as a commented config in the dialect the person
 * picks, saved where they choose (never over an existing file without asking), opened, and
 * remembered as targeting the same connection and region, so its preview plans no change.
 */
import * as vscode from 'vscode';
import { EXPORT_CHOICES, exportAs } from '../../config/export';
import { registerCommand } from './register';
import { freeFile, mayWrite } from '../platform/files';
import { BACK } from '../platform/prompts';
import type { Services } from '../services';
import type { ConfigTargets } from './target';
import { resolveTableRef } from './tableRef';
import type { TableRef } from './tableRef';

/** The dialects as New Table Config lists them, then a CloudFormation template and CDK code. */
const FORMATS = EXPORT_CHOICES;

const FILTERS: Readonly<Record<string, Record<string, string[]>>> = {
  toml: { TOML: ['toml'] }, yaml: { YAML: ['yaml', 'yml'] }, ts: { TypeScript: ['ts'] },
};

/** Writes the table's config and opens it; undefined when the person cancelled. */
export async function exportTable(services: Services, targets: ConfigTargets, ref: TableRef): Promise<vscode.Uri | undefined> {
  const picked = await services.prompts.pick(FORMATS, { title: `Export ${ref.tableName} as a config`, placeHolder: 'Dialect, CloudFormation or CDK' });
  if (picked === undefined || picked === BACK) { return undefined; }
  const live = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${ref.tableName}` },
    () => services.describeTable(ref.connection.id, ref.region, ref.tableName));
  const text = exportAs(live, picked.format, { region: ref.region, source: `${ref.connection.label}, ${ref.region}` });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${ref.tableName}.${picked.extension}`;
  const uri = await services.prompts.saveLocation({
    title: `Save the ${picked.label} config of ${ref.tableName}`,
    ...(folder ? { defaultUri: await freeFile(folder, fileName) } : {}),
    filters: FILTERS[picked.extension] ?? { YAML: ['yaml', 'yml'] },
  });
  if (!uri) { return undefined; }
  if (!(await mayWrite(services.prompts, uri, `the config of ${ref.tableName}`))) { return undefined; }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  // CDK code is not a config: nothing compares or previews it.
  if (picked.format !== 'cdk') { await targets.remember(uri, ref.connection.id, ref.region); }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  services.log.info(`exported ${ref.tableName} (${ref.connection.label}, ${ref.region}) as ${picked.label} to ${uri.fsPath}`);
  return uri;
}

export function registerExport(services: Services, targets: ConfigTargets): vscode.Disposable[] {
  return [
    registerCommand(services.log, 'dynamodbDesigner.exportTableAsConfig', { doing: 'Export as config' }, async (_run, argument?: unknown) => {
      const ref = await resolveTableRef(services, services.prompts, argument, 'Export Table as Config');
      return ref ? await exportTable(services, targets, ref) : undefined;
    }),
  ];
}
