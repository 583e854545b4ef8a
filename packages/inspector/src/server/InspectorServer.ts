/**
 * The inspector's HTTP server: the page and its files, a Server-Sent Events stream of the
 * run, the state as JSON, and taps. Every request — the page, its files, the stream — needs
 * the token, or gets 401. Responses are never cached, name no referrer (the token is in the
 * address) and allow no other origin. A client that cannot keep up misses ticks rather than
 * growing the server's memory, and is dropped if even that is not enough.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../protocol.ts';
import { sameToken, tokenOf } from './token.ts';
import { uiAssets } from './uiAssets.ts';

/** Clients watching at once. */
const MAX_CLIENTS = 32;
/** A client whose unsent output grows past this is dropped. */
const MAX_BUFFERED = 8 * 1024 * 1024;
/** A request body (a tap request) may be this long. */
const MAX_BODY = 4096;

const HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** What the server asks of the inspector. */
export interface ServerHandlers {
  snapshot(client: string): Snapshot;
  /** A tap request: `on` opens, else closes. Returns the samples so far, or why not. */
  tap(client: string, edge: string, on: boolean): unknown | string;
  left(client: string): void;
}

interface Client {
  readonly id: string;
  readonly response: ServerResponse;
}

export class InspectorServer {
  private readonly server: Server;
  private readonly clients = new Map<string, Client>();
  private nextClient = 1;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly token: string,
    private readonly handlers: ServerHandlers,
  ) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        if (!response.headersSent)
          this.reply(response, 500, `The inspector failed: ${error.message}\n`);
        else response.destroy();
      });
    });
  }

  /** Listen on `host`:`port` (0: a free port); resolves with the port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.heartbeat = setInterval(() => this.comment(), 15_000);
        this.heartbeat.unref();
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Send one event to every client, or to those in `only`. */
  broadcast(event: string, data: unknown, only?: ReadonlySet<string>): void {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients.values()) {
      if (only !== undefined && !only.has(client.id)) continue;
      const response = client.response;
      if (response.writableLength > MAX_BUFFERED) {
        response.destroy();
        continue;
      }
      // Ticks are whole snapshots: a client still busy with the last one skips this one.
      if (event === 'tick' && response.writableNeedDrain) continue;
      response.write(text);
    }
  }

  /** End every stream and stop listening. */
  close(): Promise<void> {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    for (const client of this.clients.values()) client.response.end();
    this.clients.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://inspector');
    if (!sameToken(tokenOf(request, url), this.token)) {
      this.reply(
        response,
        401,
        'This Plexus inspector needs its token: open the address printed when the run started, ?token=… included.\n',
      );
      return;
    }
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /' || route === 'GET /index.html') {
      const page = (await uiAssets()).get('index.html')!;
      const html = page.body.toString('utf8').replaceAll('%TOKEN%', encodeURIComponent(this.token));
      this.reply(response, 200, html, page.type);
    } else if (route === 'GET /app.js' || route === 'GET /app.css') {
      const asset = (await uiAssets()).get(url.pathname.slice(1))!;
      this.reply(response, 200, asset.body, asset.type);
    } else if (route === 'GET /events') this.stream(request, response);
    else if (route === 'GET /state') {
      this.reply(response, 200, JSON.stringify(this.handlers.snapshot('')), 'application/json');
    } else if (route === 'POST /tap') await this.tap(request, response);
    else this.reply(response, 404, `The inspector has no ${url.pathname}.\n`);
  }

  private stream(request: IncomingMessage, response: ServerResponse): void {
    if (this.clients.size >= MAX_CLIENTS) {
      this.reply(response, 503, `At most ${MAX_CLIENTS} pages may watch a run at once.\n`);
      return;
    }
    const id = `c${this.nextClient++}`;
    response.writeHead(200, { ...HEADERS, 'content-type': 'text/event-stream; charset=utf-8' });
    const client = { id, response };
    this.clients.set(id, client);
    const snapshot = this.handlers.snapshot(id);
    const write = (event: string, data: unknown) =>
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    write('hello', snapshot.hello);
    if (snapshot.layout !== undefined) write('layout', snapshot.layout);
    if (snapshot.tick !== undefined) write('tick', snapshot.tick);
    for (const entry of snapshot.log) write('log', entry);
    for (const failure of snapshot.failures) write('failure', failure);
    if (snapshot.end !== undefined) write('end', snapshot.end);
    const gone = () => {
      if (!this.clients.delete(id)) return;
      this.handlers.left(id);
    };
    request.on('close', gone);
    response.on('close', gone);
  }

  private async tap(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) {
      body += chunk;
      if (body.length > MAX_BODY) {
        this.reply(response, 413, 'A tap request is a small JSON object.\n');
        return;
      }
    }
    let asked: { client?: unknown; edge?: unknown; on?: unknown };
    try {
      asked = JSON.parse(body) as typeof asked;
    } catch {
      asked = {};
    }
    if (typeof asked.client !== 'string' || typeof asked.edge !== 'string') {
      this.reply(
        response,
        400,
        'A tap request is JSON: { "client": "…", "edge": "…", "on": true }.\n',
      );
      return;
    }
    if (!this.clients.has(asked.client)) {
      this.reply(response, 409, `No page '${asked.client}' is connected; reload the page.\n`);
      return;
    }
    const result = this.handlers.tap(asked.client, asked.edge, asked.on !== false);
    if (typeof result === 'string') this.reply(response, 409, `${result}\n`);
    else this.reply(response, 200, JSON.stringify(result ?? null), 'application/json');
  }

  private comment(): void {
    for (const client of this.clients.values()) client.response.write(': keep-alive\n\n');
  }

  private reply(
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'text/plain; charset=utf-8',
  ): void {
    response.writeHead(status, { ...HEADERS, 'content-type': type });
    response.end(body);
  }
}
