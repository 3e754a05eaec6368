import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack.js';

/** An acknowledgement the app sent for one envelope. */
export interface Ack {
  readonly envelope_id: string;
  // biome-ignore lint/suspicious/noExplicitAny: ack payloads are free-form Slack JSON
  readonly payload?: Record<string, any>;
}

/**
 * Slack's Socket Mode end, on loopback: `apps.connections.open` (answered by
 * the FakeSlack Web API it is attached to) hands out this server's URL; a
 * connecting app gets `hello`, then whatever envelopes the test sends
 * (slash commands, interactivity, events), and its acks are recorded.
 * `stop()` and `start(port)` again make an outage; `disconnect()` sends the
 * `disconnect` message Slack sends before recycling a connection.
 */
export class FakeSocketSlack {
  readonly acks: Ack[] = [];
  /** Connections accepted so far (a reconnect adds one). */
  connections = 0;
  private http: Server | null = null;
  private wss: WebSocketServer | null = null;
  private current: WebSocket | null = null;
  private lastPort = 0;
  private readonly waiters = new Set<() => void>();

  constructor(api: FakeSlack) {
    api.on('apps.connections.open', () => ({ body: { ok: true, url: `${this.url}?ticket=${randomUUID()}` } }));
  }

  get port(): number {
    return (this.http?.address() as AddressInfo | null)?.port ?? this.lastPort;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/`;
  }

  /** Whether an app is connected right now. */
  get open(): boolean {
    return this.current !== null && this.current.readyState === this.current.OPEN;
  }

  async start(port = 0): Promise<this> {
    this.http = createServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws) => {
      this.connections++;
      this.current = ws;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Ack;
        if (message.envelope_id) this.acks.push(message);
        this.notify();
      });
      ws.on('close', () => {
        if (this.current === ws) this.current = null;
        this.notify();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
      this.notify();
    });
    await new Promise<void>((resolve) => this.http!.listen(port, '127.0.0.1', resolve));
    this.lastPort = (this.http.address() as AddressInfo).port;
    return this;
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `check` holds (checked on every connection, message and close), or fails after `ms`. */
  until<T>(check: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const first = check();
      if (first) return resolve(first);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const waiter = () => {
        const v = check();
        if (!v) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(v);
      };
      this.waiters.add(waiter);
    });
  }

  /** Sends an envelope to the connected app; resolves with its ack, which must come within `ackMs` (Slack: 3 s). */
  async send(
    type: 'slash_commands' | 'interactive' | 'events_api',
    // biome-ignore lint/suspicious/noExplicitAny: envelopes carry free-form Slack JSON
    payload: Record<string, any>,
    ackMs = 3_000,
  ): Promise<Ack> {
    const ws = this.current;
    if (!ws) throw new Error('no app connected');
    const envelope_id = randomUUID();
    ws.send(
      JSON.stringify({
        envelope_id,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      }),
    );
    return this.until(
      () => this.acks.find((a) => a.envelope_id === envelope_id),
      `the ack of a ${type} envelope`,
      ackMs,
    );
  }

  /** Slack's `disconnect` message: the app is to close this connection and open a new one. */
  disconnect(reason = 'refresh_requested'): void {
    this.current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake' } }));
  }

  /** Goes away at once, as a network failure would: connections cut, nothing listening. */
  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    this.current = null;
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    const http = this.http;
    this.http = null;
    this.wss = null;
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  }
}
