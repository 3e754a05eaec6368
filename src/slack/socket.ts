import type { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from 'pino';

/** Reconnect timing in Socket Mode. Internal: tests shorten it. */
export interface SocketTuning {
  /** First wait after a failed attempt; doubles each time. */
  readonly minBackoffMs: number;
  /** Longest wait between attempts, however long the outage. */
  readonly maxBackoffMs: number;
  /** An opened WebSocket that sends no `hello` within this is dropped and tried again. */
  readonly helloTimeoutMs: number;
}

export const DEFAULT_SOCKET_TUNING: SocketTuning = {
  minBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  helloTimeoutMs: 30_000,
};

/** apps.connections.open answers these for a token that will never work: no point retrying at start. */
const REFUSED = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'not_allowed_token_type']);

function refusal(error: unknown): string | null {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === 'string' && REFUSED.has(code) ? code : null;
}

/**
 * Keeps the Socket Mode connection up for as long as the process runs.
 *
 * The socket client's own reconnect is off (`autoReconnectEnabled: false`):
 * it gives up, and rethrows from a timer where nothing can catch it (the
 * process died), when Slack's Web API is unreachable or answers 5xx while it
 * reconnects. Here every attempt is awaited: open a connection
 * (apps.connections.open, then the WebSocket, then Slack's `hello`), wait
 * until it closes (Slack's `disconnect`, a network drop, a missed ping), and
 * start again at once; a failed attempt waits with exponential backoff
 * (capped, with jitter) and tries again, for an outage of any length.
 * `connected` says whether a socket is up now (/healthz).
 */
export class SocketSupervisor {
  private up = false;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly tuning: SocketTuning;

  constructor(
    private readonly client: SocketModeClient,
    private readonly logger: Logger,
    tuning: Partial<SocketTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_SOCKET_TUNING, ...tuning };
    client.on('connected', () => this.setUp(true));
    client.on('disconnected', () => this.setUp(false));
    client.on('reconnecting', () => this.setUp(false));
  }

  get connected(): boolean {
    return this.up;
  }

  private setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    if (up) this.logger.info('Slack socket connected');
    else if (!this.stopped) this.logger.warn('Slack socket lost; reconnecting');
  }

  /**
   * Opens the first connection. Rejects only when Slack refuses the app
   * token (it will not start working by itself); an outage does not fail the
   * start: the app serves (/healthz 503) and keeps trying.
   */
  async start(): Promise<void> {
    const first = await this.attempt();
    if (first.refused) {
      await this.disconnect();
      throw new Error(`Slack refused SLACK_APP_TOKEN (apps.connections.open: ${first.refused})`);
    }
    this.loop = this.run(first.ok ? 0 : 1);
  }

  /** One connection attempt; resolves once `hello` arrived (ok) or the attempt failed. */
  private async attempt(): Promise<{ ok: boolean; refused: string | null }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const hello = this.client.start();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no hello from Slack')), this.tuning.helloTimeoutMs);
      });
      await Promise.race([hello, timeout]);
      return { ok: true, refused: null };
    } catch (error) {
      const refused = refusal(error);
      // start() rejects with nothing when the socket closes before hello.
      const reason = error instanceof Error ? error.message : refused ? refused : 'connection closed';
      this.logger.warn({ reason }, 'Slack socket: connection attempt failed');
      // Whatever half-open socket the attempt left is closed before the next one.
      await this.disconnect();
      this.setUp(false);
      return { ok: false, refused };
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(failures: number): Promise<void> {
    let failed = failures;
    while (!this.stopped) {
      if (failed === 0) {
        // Connected: wait until this socket ends, then reconnect straight away.
        await new Promise<void>((resolve) => {
          if (!this.up) return resolve();
          const done = () => {
            this.client.off('disconnected', done);
            this.wake = null;
            resolve();
          };
          this.wake = done;
          this.client.on('disconnected', done);
        });
      } else {
        await this.sleep(this.backoff(failed));
      }
      if (this.stopped) return;
      const { ok } = await this.attempt();
      failed = ok ? 0 : failed + 1;
    }
  }

  private backoff(failures: number): number {
    const { minBackoffMs, maxBackoffMs } = this.tuning;
    const base = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.min(failures - 1, 20));
    // Jitter: replicas that lost Slack together do not all come back in the same instant.
    return Math.round(base / 2 + Math.random() * (base / 2));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  /**
   * Closes the socket. The client waits up to 30 s for the peer's close frame;
   * a peer that is gone must not hold a shutdown (or the next attempt) that long.
   */
  private disconnect(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.client.disconnect().catch((error: unknown) => this.logger.warn({ err: error }, 'socket close failed')),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2_000);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Closes the socket and ends the reconnect loop. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.disconnect();
    await this.loop;
    this.up = false;
  }
}
