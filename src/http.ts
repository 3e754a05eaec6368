import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { redactUrl } from './logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpRoutes {
  /** GET /healthz → 200 or 503 with `{ok, db, scheduler}`. */
  health(): Promise<{ ok: boolean; db: boolean; scheduler: boolean }>;
  /** GET /calendar/<token>.ics, when the calendar is wired. */
  calendar?: RouteHandler;
  /** POST /slack/events in HTTP mode. */
  slack?: RouteHandler;
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number): Promise<number>;
  /** Stops accepting connections and waits for requests in flight to finish. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function failed(logger: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  logger.error({ err: error, url: redactUrl(req.url) }, 'request failed');
  if (!res.headersSent) send(res, 500, 'internal error\n');
  else res.destroy();
}

/**
 * One node:http server for every mode: health, calendar feeds and (in HTTP
 * mode) Slack's events. Plain node:http keeps the feed path far cheaper than
 * going through Bolt's request pipeline.
 */
export function createHttpServer(routes: HttpRoutes, logger: Logger): HttpServer {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    try {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        routes.health().then(
          (h) => send(res, h.ok ? 200 : 503, JSON.stringify(h), 'application/json'),
          (error) => failed(logger, req, res, error),
        );
        return;
      }
      const handler =
        path === '/slack/events' ? routes.slack : path.startsWith('/calendar/') ? routes.calendar : undefined;
      if (handler) {
        // Every request goes through here: nothing is allocated for the failure path unless there is a promise.
        handler(req, res)?.catch((error: unknown) => failed(logger, req, res, error));
        return;
      }
      send(res, 404, 'not found\n');
    } catch (error) {
      failed(logger, req, res, error);
    }
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
