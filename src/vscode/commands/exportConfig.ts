/**
 * Export Table as Config: a live table written as a commented config in the dialect the person
 * picks, saved where they choose (never over an existing file without asking), opened, and
 * remembered as targeting the same connection and region, so its preview plans no change.
 */
import * as vscode from 'vscode';
import { exportAs, exportChoices } from '../../config/export';
import type { ExportFormat } from '../../config/export';
import { configExtension, configFilters } from '../../config/newConfig';
import { registerCommand } from './register';
import { freeFile, mayWrite } from '../platform/files';
import { BACK } from '../platform/prompts';
import type { Services } from '../services';
import type { ConfigTargets } from './target';
import { resolveTableRef } from './tableRef';
import type { TableRef } from './tableRef';

/** The dialects that can be written (a CloudFormation template among them), then CDK code, with their file extension. */
function formats(): { format: ExportFormat; label: string; description: string; extension: string; filters: Record<string, string[]> }[] {
  return exportChoices().map(c => (c.format === 'cdk'
    ? { ...c, extension: 'ts', filters: { TypeScript: ['ts'] } }
    : { ...c, extension: configExtension(c.format), filters: configFilters(c.format) }));
}

/** Writes the table's config and opens it; undefined when the person cancelled. */
export async function exportTable(services: Services, targets: ConfigTargets, ref: TableRef): Promise<vscode.Uri | undefined> {
  const picked = await services.prompts.pick(formats(), { title: `Export ${ref.tableName} as a config`, placeHolder: 'Dialect, CloudFormation or CDK' });
  if (picked === undefined || picked === BACK) { return undefined; }
  const live = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${ref.tableName}` },
    () => services.describeTable(ref.connection.id, ref.region, ref.tableName));
  const text = exportAs(live, picked.format, { region: ref.region, source: `${ref.connection.label}, ${ref.region}` });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = `${ref.tableName}.${picked.extension}`;
  const uri = await services.prompts.saveLocation({
    title: `Save the ${picked.label} config of ${ref.tableName}`,
    ...(folder ? { defaultUri: await freeFile(folder, fileName) } : {}),
    filters: picked.filters,
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
