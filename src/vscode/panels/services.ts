/** What the panels need from the extension (the lead wires it in extension.ts). */
import type * as vscode from 'vscode';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemQuery, PanelTarget } from '../../../webview/protocol';
import type { Designs } from '../design/designs';
import type { Prompts } from '../platform/prompts';

export type { PanelTarget } from '../../../webview/protocol';

export interface PanelSettings {
  readonly pageSize: number;
  readonly maxColumns: number;
  /** Parallel Scan segments for "Export all" of a Scan (1: sequential). */
  readonly exportSegments?: number;
}

export interface PanelServices {
  /** A client for a connection and region (the factory's, with its retries and credentials). */
  client(connectionId: string, region: string): Promise<DynamoDBClient>;
  readonly log: vscode.LogOutputChannel;
  /** Confirmations and save locations (scripted in the e2e suite). */
  readonly prompts: Prompts;
  /** `dynamodbDesigner.items.pageSize` / `items.maxColumns`, read when a panel needs them. */
  settings(): PanelSettings;
  /** Keeps what the person ran in the item browser (the query history). */
  readonly history?: { record(target: PanelTarget, query: ItemQuery): void };
  /** Export the table as config text (a later issue); the details panel hides the action without it. */
  exportAsConfig?(target: PanelTarget): Promise<void>;
  /** The design view's data and actions; without them the design view cannot open. */
  readonly designs?: Designs;
  /** Fires with a config's URI after it was analyzed again (an open design view of it redraws). */
  readonly onDidAnalyze?: vscode.Event<vscode.Uri>;
}
