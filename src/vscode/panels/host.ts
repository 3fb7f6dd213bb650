/**
 * PanelHost: one webview panel per (kind, connection, region, table). Re-opening focuses the
 * existing panel. The page is the strict-CSP one of html.ts; scripts only from dist/webview.
 * Messages: every incoming one is validated (unknown or malformed: dropped and logged); requests
 * are routed to the subclass's handlers and answered with a result or an error in words; what
 * the host posts waits in a queue until the webview says `ready` (and again after the webview is
 * rebuilt when the panel is shown after being hidden: retainContextWhenHidden is off, the
 * webview keeps its own state with setState).
 */
import * as vscode from 'vscode';
import type {
  FromHost, HostNotificationMap, Method, PanelKind, PanelTarget, ParamsOf, ResultOf, WebviewNotificationMap,
} from '../../../webview/protocol';
import { parseFromWebview, VIEW_TYPES } from '../../../webview/protocol';
import { makeNonce, panelHtml } from './html';
import { PanelError, toErrorInfo } from './errorInfo';
import type { PanelServices } from './services';

export type Handlers = { [M in Method]?: (params: ParamsOf<M>, signal: AbortSignal) => Promise<ResultOf<M>> };

export function panelKey(kind: PanelKind, target: PanelTarget): string {
  return JSON.stringify([kind, target.connectionId, target.region, target.tableName, ...(target.configUri !== undefined ? [target.configUri] : [])]);
}

/** The open panels, by panelKey (for re-opening and for the e2e suite). */
export const openPanels = new Map<string, PanelHost>();

/** Finds the open panel of a kind for a table. */
export function findPanel(kind: PanelKind, target: PanelTarget): PanelHost | undefined {
  return openPanels.get(panelKey(kind, target));
}

export function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
  };
}

export function panelTitle(kind: PanelKind, target: PanelTarget): string {
  return `${target.tableName} (${({ details: 'table', items: 'items', design: 'design' } as const)[kind]})`;
}

/** Creates the webview panel of a kind (not registered yet; see PanelHost). */
export function createPanel(context: vscode.ExtensionContext, kind: PanelKind, target: PanelTarget): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(VIEW_TYPES[kind], panelTitle(kind, target), vscode.ViewColumn.Active, webviewOptions(context));
}

export abstract class PanelHost implements vscode.Disposable {
  private ready = false;
  /**
   * Which webview instance is listening: counts `ready`s. A webview rebuilt after being hidden
   * numbers its requests from 1 again, so an answer to the previous instance's request must not
   * reach it (it would settle the new instance's request of the same id).
   */
  private generation = 0;
  private queue: FromHost[] = [];
  private readonly running = new Set<AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<FromHost>();
  private disposed = false;
  /** Every message posted to the webview (for tests). */
  readonly onDidPost = this.posted.event;
  protected abstract readonly handlers: Handlers;
  /** Requests every panel answers the same way. */
  private readonly common: Handlers = {
    'copy': async ({ text }) => { await vscode.env.clipboard.writeText(text); return null; },
  };

  protected constructor(
    readonly kind: PanelKind,
    readonly panel: vscode.WebviewPanel,
    protected readonly context: vscode.ExtensionContext,
    protected readonly services: PanelServices,
    readonly target: PanelTarget,
  ) {
    const key = panelKey(kind, target);
    openPanels.get(key)?.dispose();
    openPanels.set(key, this);
    panel.webview.options = webviewOptions(context);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'dynamodb.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage(message => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(event => {
        // A hidden panel's webview is destroyed (retainContextWhenHidden is off): it says ready again when shown.
        if (!event.webviewPanel.visible) { this.ready = false; }
      }),
    );
    this.render();
  }

  /** Loads (or reloads) the page: a fresh nonce each time. */
  protected render(): void {
    this.ready = false;
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', `${this.kind}.js`));
    webview.html = panelHtml({ kind: this.kind, cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: script.toString(), title: panelTitle(this.kind, this.target) });
  }

  reveal(): void {
    this.panel.reveal();
  }

  notify<N extends keyof HostNotificationMap>(method: N, params: HostNotificationMap[N]): void {
    this.post({ type: 'notification', method, params } as FromHost);
  }

  private post(message: FromHost): void {
    if (this.disposed) { return; }
    if (!this.ready) {
      // Progress is about a read the webview is waiting for; a webview that is not listening
      // (hidden, or not started) is not waiting for it, and would show a spinner forever.
      if (message.type !== 'notification' || message.method !== 'progress') { this.queue.push(message); }
      return;
    }
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
  }

  /**
   * Runs a request as if the webview sent it (same validation and handlers); for the e2e suite
   * and commands that drive an open panel. Rejects with the error in words.
   */
  async request<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const parsed = parseFromWebview({ type: 'request', id: 0, method, params });
    if (!parsed.ok) { throw new PanelError('InvalidMessage', parsed.reason); }
    return this.run(method, params);
  }

  private async run<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const handler = (this.handlers[method] ?? this.common[method]) as ((params: ParamsOf<M>, signal: AbortSignal) => Promise<ResultOf<M>>) | undefined;
    if (!handler) { throw new PanelError('UnknownMethod', `the ${this.kind} panel does not handle ${method}`); }
    const controller = new AbortController();
    this.running.add(controller);
    try {
      return await handler.call(this, params, controller.signal);
    } finally {
      this.running.delete(controller);
    }
  }

  private receive(raw: unknown): void {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.services.log.warn(`${this.kind} panel ${this.target.tableName}: dropped a message: ${parsed.reason}`);
      return;
    }
    const message = parsed.value;
    if (message.type === 'notification') {
      if (message.method === 'ready') {
        this.ready = true;
        this.generation++;
        const queued = this.queue;
        this.queue = [];
        for (const m of queued) { this.post(m); }
      } else {
        this.onNotification(message.method, message.params);
      }
      return;
    }
    const { id, method, params } = message;
    const generation = this.generation;
    this.run(method, params as never).then(
      result => this.respond(generation, { type: 'response', id, ok: true, result: result ?? null }),
      (error: unknown) => {
        const info = toErrorInfo(error);
        if (info.code !== 'aborted' && !(error instanceof Error && error.name === 'AbortError')) {
          this.services.log.error(`${this.kind} panel ${this.target.tableName}: ${method}: ${info.message} (${info.code})`);
        }
        this.respond(generation, { type: 'response', id, ok: false, error: info });
      },
    );
  }

  /** Responses go out at once (a request proves the webview listens), to the instance that asked. */
  private respond(generation: number, message: FromHost): void {
    if (this.disposed || generation !== this.generation) { return; }
    void this.panel.webview.postMessage(message);
    this.posted.fire(message);
  }

  protected onNotification<N extends keyof WebviewNotificationMap>(_method: N, _params: WebviewNotificationMap[N]): void {
    // Subclasses handle their notifications.
  }

  dispose(): void {
    if (this.disposed) { return; }
    this.disposed = true;
    for (const controller of this.running) { controller.abort(); }
    const key = panelKey(this.kind, this.target);
    if (openPanels.get(key) === this) { openPanels.delete(key); }
    for (const d of this.disposables) { d.dispose(); }
    this.posted.dispose();
    this.panel.dispose();
  }
}
