/**
 * Hostile HTTP endpoints for fault tests, each a tiny node http server on 127.0.0.1 with a random
 * port, in this process (closed by `stop()`):
 * - `silent`: accepts the connection and never answers;
 * - `echo-headers`: answers 400 with a DynamoDB-shaped JSON error whose message is the request's
 *   headers (as some proxies and misconfigured gateways do);
 * - `empty-404`: answers 404 with an empty body;
 * - `html-200`: answers 200 with an HTML page (a web server, a captive portal).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type HostileKind = 'silent' | 'echo-headers' | 'empty-404' | 'html-200';

export interface HostileServer {
  readonly endpoint: string;
  /** Requests received so far. */
  readonly requests: number;
  stop(): Promise<void>;
}

function answer(kind: HostileKind, req: IncomingMessage, res: ServerResponse): void {
  switch (kind) {
    case 'silent': return; // never answers
    case 'echo-headers': {
      const body = JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: `Bad request, headers: ${JSON.stringify(req.headers)}` });
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(body);
      return;
    }
    case 'empty-404': res.writeHead(404, { 'content-length': '0' }).end(); return;
    case 'html-200': res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>'); return;
  }
}

export async function startHostile(kind: HostileKind): Promise<HostileServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => answer(kind, req, res));
  });
  server.on('connection', socket => { sockets.add(socket); socket.once('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get requests() { return requests; },
    stop: () => new Promise<void>(resolve => {
      for (const s of sockets) { s.destroy(); }
      server.close(() => resolve());
    }),
  };
}

