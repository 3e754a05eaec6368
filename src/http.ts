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
  /** GET /page/<token>: the dialogue's read-only web page, when wired. */
  page?: RouteHandler;
  /** POST /slack/events in HTTP mode. */
  slack?: RouteHandler;
  /** GET /metrics: Prometheus text (the handler checks who may read it). */
  metrics?: RouteHandler;
}

/**
 * How long a client may take, and how many may be connected at once. Slack
 * sends a whole request at once and wants its answer within 3 s; calendar
 * apps and health checks send no body. A client slower than this is not one
 * of ours (a slowloris holds connections open by dripping bytes): it is cut
 * off with 408 instead of being held for Node's default of 300 s.
 */
export interface HttpLimits {
  /** Time to receive the request headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** How often Node checks the two above (its default, 30 s, would let a slow client stay 30 s more). */
  readonly checkIntervalMs: number;
  /** Open connections at most; past it new ones are refused, so one client cannot take every file descriptor. */
  readonly maxConnections: number;
  /** An idle keep-alive connection is closed after this (above the 60 s of common load balancers). */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
  maxConnections: 1_000,
  keepAliveTimeoutMs: 65_000,
};

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
export function createHttpServer(routes: HttpRoutes, logger: Logger, limits: Partial<HttpLimits> = {}): HttpServer {
  const l = { ...DEFAULT_HTTP_LIMITS, ...limits };
  const options = {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    connectionsCheckingInterval: l.checkIntervalMs,
  };
  const server = createServer(options, (req, res) => {
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
      if (path === '/slack/events' && req.method !== 'POST') {
        // Slack only ever POSTs here. Answered without reading anything or logging: an unauthenticated
        // client must not be able to make the server write much (or anything) per request.
        res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8', 'content-length': 19 });
        res.end('method not allowed\n');
        return;
      }
      const handler =
        path === '/slack/events'
          ? routes.slack
          : path.startsWith('/calendar/')
            ? routes.calendar
            : path.startsWith('/page/')
              ? routes.page
              : path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')
                ? routes.metrics
                : undefined;
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
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  server.maxConnections = l.maxConnections;
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
