/**
 * The webview's side of the protocol: requests with promised results, notifications both ways,
 * the `ready` handshake, and the panel state (getState/setState).
 */
import type {
  ErrorInfo, HostNotificationMap, Method, PanelState, ParamsOf, ResultOf, WebviewNotificationMap,
} from './protocol';
import { parseFromHost, parsePanelState, PROTOCOL_VERSION } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A request the host answered with an error. */
export class HostError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'HostError';
    this.code = info.code;
  }
}

type Listener = { [N in keyof HostNotificationMap]?: ((params: HostNotificationMap[N]) => void)[] };

export class Host {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners: Listener = {};

  constructor() {
    window.addEventListener('message', event => this.receive(event.data));
  }

  /** Tells the host the webview listens (call once the UI can take messages). */
  ready(): void {
    this.notify('ready', { version: PROTOCOL_VERSION });
  }

  request<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.api.postMessage({ type: 'request', id, method, params });
    });
  }

  notify<N extends keyof WebviewNotificationMap>(method: N, params: WebviewNotificationMap[N]): void {
    this.api.postMessage({ type: 'notification', method, params });
  }

  on<N extends keyof HostNotificationMap>(method: N, listener: (params: HostNotificationMap[N]) => void): void {
    const list = (this.listeners[method] ??= []) as ((params: HostNotificationMap[N]) => void)[];
    list.push(listener);
  }

  get state(): PanelState | undefined {
    const parsed = parsePanelState(this.api.getState());
    return parsed.ok ? parsed.value : undefined;
  }

  set state(state: PanelState) {
    this.api.setState(state);
  }

  private receive(data: unknown): void {
    const parsed = parseFromHost(data);
    if (!parsed.ok) { console.warn(`dropped a message: ${parsed.reason}`); return; }
    const message = parsed.value;
    if (message.type === 'response') {
      const waiter = this.pending.get(message.id);
      if (!waiter) { return; }
      this.pending.delete(message.id);
      if (message.ok) { waiter.resolve(message.result); } else { waiter.reject(new HostError(message.error)); }
      return;
    }
    const list = this.listeners[message.method] as ((params: unknown) => void)[] | undefined;
    for (const listener of list ?? []) { listener(message.params); }
  }
}

/** An error in words for the panel: the message and, when known, the error code. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof HostError) { return { code: error.code, message: error.message }; }
  if (error instanceof Error) { return { code: error.name, message: error.message }; }
  return { code: 'Error', message: String(error) };
}
