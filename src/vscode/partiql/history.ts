/**
 * The query history: every Scan and Query the person ran in the item browser and every PartiQL
 * statement run, newest first, the last 100 per connection, in the workspace state. An entry
 * names its connection by id and label only (never a credential, profile secret or endpoint key).
 */
import type * as vscode from 'vscode';
import type { ItemQuery, PanelTarget } from '../../../webview/protocol';
import { addToHistory, validHistory } from '../../items/savedQuery';
import type { HistoryEntry } from '../../items/savedQuery';

const STATE_KEY = 'dynamodbDesigner.queryHistory';

export class QueryHistory {
  constructor(private readonly state: vscode.Memento, private readonly now: () => Date = () => new Date()) {}

  private all(): Record<string, unknown> {
    const stored = this.state.get<unknown>(STATE_KEY);
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? stored as Record<string, unknown> : {};
  }

  /** Keeps a run (the newest first; the same run moves to the top). */
  record(target: PanelTarget, query: ItemQuery): void {
    const all = this.all();
    const id = target.connectionId;
    const entry: HistoryEntry = {
      at: this.now().toISOString(),
      target: { connectionId: id, connectionLabel: target.connectionLabel, region: target.region, tableName: target.tableName },
      query,
    };
    void this.state.update(STATE_KEY, { ...all, [id]: addToHistory(validHistory(all[id]), entry) });
  }

  /** Every entry of every connection, newest first. */
  entries(): HistoryEntry[] {
    return Object.values(this.all()).flatMap(validHistory).sort((a, b) => b.at.localeCompare(a.at));
  }

  clear(): Thenable<void> {
    return this.state.update(STATE_KEY, undefined);
  }
}
