import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { parseSlackBody } from './request-shape.js';

/**
 * The door of POST /slack/events in HTTP mode, in front of Bolt's receiver.
 * Everything is checked here before Bolt sees a byte, and a refusal costs at
 * most one short log line:
 *
 * - the body is read with a size cap and a deadline (Slack sends it at once);
 * - the signature (HMAC of `v0:<timestamp>:<body>`) and the timestamp, which
 *   may be at most five minutes off *either way* (Bolt refuses only old ones,
 *   so a request signed for next year would be accepted until then);
 * - the body's shape (request-shape.ts): malformed → 400.
 *
 * A request that passes goes to Bolt with the body already read (Bolt uses
 * `req.rawBody` when it is there), its signature check off (done here).
 */
export interface GateOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  /** Bolt's receiver: gets the request once it passed. */
  readonly next: (req: IncomingMessage, res: ServerResponse) => void;
  /** Largest body accepted (Slack's requests are a few KB; a pasted joint statement some tens). */
  readonly maxBodyBytes?: number;
  /** Time to receive the body once headers are in. */
  readonly bodyTimeoutMs?: number;
  /** Seconds a timestamp may be off, either way. */
  readonly maxSkewSeconds?: number;
  /** Wall clock in ms (tests). */
  readonly now?: () => number;
}

export const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Refusals are logged one short line each, but never more than `burst` in a
 * window: a flood of junk cannot fill a disk. What was left out is counted in
 * the next line written.
 */
export class RefusalLog {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly burst = 20,
    private readonly windowMs = 60_000,
  ) {}

  refused(status: number, reason: string, nowMs: number): void {
    if (nowMs - this.windowStart >= this.windowMs) {
      this.windowStart = nowMs;
      this.written = 0;
    }
    if (this.written >= this.burst) {
      this.suppressed++;
      return;
    }
    this.written++;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger.warn({ status, reason, ...(suppressed ? { suppressed } : {}) }, 'slack request refused');
  }
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text) + 1,
    // A client that sent something wrong gets no second request on this connection.
    connection: 'close',
  });
  res.end(`${text}\n`);
}

type Body = { ok: true; raw: Buffer } | { ok: false; status: number; reason: string };

function readBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      resolve({ ok: false, status: 413, reason: `body of ${declared} bytes declared` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: Body) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (!result.ok) req.resume(); // discard the rest; the connection closes after the answer
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) finish({ ok: false, status: 413, reason: `body over ${max} bytes` });
      else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, raw: Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, status: 400, reason: 'request aborted' });
    const timer = setTimeout(() => finish({ ok: false, status: 408, reason: 'body too slow' }), timeoutMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
  });
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<ts>:<body>`, compared in constant time. */
function signatureMatches(secret: string, ts: string, raw: Buffer, given: string): boolean {
  if (!/^v0=[0-9a-f]{64}$/.test(given)) return false;
  const hmac = createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest();
  return timingSafeEqual(hmac, Buffer.from(given.slice(3), 'hex'));
}

export function createSlackGate(options: GateOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const bodyTimeout = options.bodyTimeoutMs ?? 5_000;
  const skew = options.maxSkewSeconds ?? MAX_SKEW_SECONDS;
  const now = options.now ?? Date.now;
  const log = new RefusalLog(options.logger);
  const refuse = (res: ServerResponse, status: number, reason: string, text: string) => {
    log.refused(status, reason, now());
    answer(res, status, text);
  };

  const pass = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-length': 0 });
      res.end();
      return;
    }
    const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const kind = type === 'application/x-www-form-urlencoded' ? 'form' : type === 'application/json' ? 'json' : null;
    if (!kind) {
      refuse(res, 415, `content-type "${type.slice(0, 60)}"`, 'unsupported content type');
      return;
    }
    const body = await readBody(req, maxBody, bodyTimeout);
    if (!body.ok) {
      refuse(res, body.status, body.reason, body.status === 413 ? 'body too large' : 'bad request');
      return;
    }
    const text = body.raw.toString('utf8');
    // Slack checks a slash command's URL with `ssl_check=1`, unsigned; it asks nothing of the app.
    if (kind === 'form' && new URLSearchParams(text).get('ssl_check') === '1') {
      answer(res, 200, 'ok');
      return;
    }
    const ts = header(req, 'x-slack-request-timestamp') ?? '';
    const signature = header(req, 'x-slack-signature') ?? '';
    if (!/^\d{1,12}$/.test(ts) || !signature) {
      refuse(res, 401, 'unsigned', 'unauthorized');
      return;
    }
    const offBy = Math.abs(Math.floor(now() / 1000) - Number(ts));
    if (offBy > skew) {
      refuse(res, 401, `timestamp ${offBy} s off`, 'unauthorized');
      return;
    }
    if (!signatureMatches(options.signingSecret, ts, body.raw, signature)) {
      refuse(res, 401, 'bad signature', 'unauthorized');
      return;
    }
    const parsed = parseSlackBody(text, kind);
    if (!parsed.ok) {
      refuse(res, 400, parsed.reason, 'malformed request');
      return;
    }
    // Bolt reads the body from here, and parses by the exact media type.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body.raw;
    req.headers['content-type'] = type;
    options.next(req, res);
  };

  return (req, res) => {
    pass(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'slack request failed');
      answer(res, 500, 'internal error');
    });
  };
}
