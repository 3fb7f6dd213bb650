/**
 * Which table a command is about: from the explorer node it was run on, from a panel's target,
 * or, from the command palette, picked by the person (connection, region, then table).
 */
import * as vscode from 'vscode';
import type { Connection } from '../../dynamo/connections';
import { locationLabel } from '../../dynamo/connections';
import { IndexNode, TableNode } from '../explorer/nodes';
import type { PanelTarget } from '../panels/services';
import { BACK } from '../platform/prompts';
import type { Prompts } from '../platform/prompts';
import type { Services } from '../services';

export interface TableRef {
  readonly connection: Connection;
  readonly region: string;
  readonly tableName: string;
  readonly indexName?: string;
}

export function panelTarget(ref: TableRef): PanelTarget {
  return {
    connectionId: ref.connection.id, connectionLabel: ref.connection.label, region: ref.region, tableName: ref.tableName,
    ...(ref.indexName ? { indexName: ref.indexName } : {}),
  };
}

function isPanelTarget(value: unknown): value is PanelTarget {
  const v = value as Partial<PanelTarget> | undefined;
  return typeof v?.connectionId === 'string' && typeof v.region === 'string' && typeof v.tableName === 'string';
}

/** The table of a command's argument; asks for one when the command came from the palette. */
export async function resolveTableRef(services: Services, prompts: Prompts, argument: unknown, title: string): Promise<TableRef | undefined> {
  if (argument instanceof TableNode) {
    return { connection: argument.connection, region: argument.region, tableName: argument.name };
  }
  if (argument instanceof IndexNode) {
    const t = argument.tableNode;
    return { connection: t.connection, region: t.region, tableName: t.name, indexName: argument.index.name };
  }
  if (isPanelTarget(argument)) {
    return { connection: await services.connection(argument.connectionId), region: argument.region, tableName: argument.tableName, indexName: argument.indexName };
  }
  return pickTable(services, prompts, title);
}

/** Connection, then region (skipped when there is one), then table, with Back between them. */
export async function pickTable(services: Services, prompts: Prompts, title: string): Promise<TableRef | undefined> {
  const connections = await services.connections();
  let connection: Connection | undefined;
  let region: string | undefined;
  for (let step = 1; ;) {
    if (step === 1) {
      const picked = await pickConnection(prompts, connections, { title, step: 1, totalSteps: 3 });
      if (picked === undefined) { return undefined; }
      connection = picked;
      step = 2;
    } else if (step === 2) {
      if (connection!.regions.length === 1) { region = connection!.regions[0]; step = 3; continue; }
      const picked = await prompts.pick(connection!.regions.map(r => ({ label: r })), { title: `${title}: region of ${connection!.label}`, step: 2, totalSteps: 3 });
      if (picked === BACK) { step = 1; continue; }
      if (picked === undefined) { return undefined; }
      region = picked.label;
      step = 3;
    } else {
      const page = await services.listTables(connection!.id, region!, undefined);
      const where = locationLabel(connection!, region!);
      if (page.names.length === 0) { throw new Error(`${where} has no tables`); }
      const picked = await prompts.pick(page.names.map(n => ({ label: n })), {
        title: `${title}: table in ${where}`, step: 3, totalSteps: 3,
        placeHolder: page.lastEvaluated ? 'the first 100 tables; filter the explorer to find others' : undefined,
      });
      if (picked === BACK) { step = connection!.regions.length === 1 ? 1 : 2; continue; }
      if (picked === undefined) { return undefined; }
      return { connection: connection!, region: region!, tableName: picked.label };
    }
  }
}

/**
 * One of the connections, or undefined when dismissed (BACK counts as dismissed on step 1).
 * `current`: the id of the connection in use, marked and offered first.
 */
export async function pickConnection(
  prompts: Prompts, connections: readonly Connection[], options: { title: string; step?: number; totalSteps?: number; current?: string },
): Promise<Connection | undefined> {
  if (connections.length === 0) { throw new Error('no DynamoDB connection is configured (see the setting dynamodbDesigner.connections)'); }
  if (connections.length === 1) { return connections[0]; }
  const { current, ...position } = options;
  const items = connections.map(c => ({
    label: c.label,
    description: [c.id === current ? 'current' : undefined, c.kind === 'local' ? 'no AWS account needed' : c.kind].filter(Boolean).join(' · '),
    ...(c.id === current ? { iconPath: new vscode.ThemeIcon('check') } : {}),
    connection: c,
  }));
  const picked = await prompts.pick(items, {
    ...position, placeHolder: 'Connection', ...(current ? { active: items.find(i => i.connection.id === current) } : {}),
  });
  return picked === undefined || picked === BACK ? undefined : picked.connection;
}
