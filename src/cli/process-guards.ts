import type { Logger } from 'pino';

/** What the guards need of `process` (tests pass an EventEmitter). */
export interface ProcessLike {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  exit(code: number): never | void;
}

export interface Writer {
  write(text: string): unknown;
}

type Stream = Writer & { on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown };

/**
 * Output that may be a pipe whose reader has gone (`dialogue-bot reminders |
 * head -1`): EPIPE then arrives as an 'error' event, which, unheard, ended
 * the process with a stack trace. Like any Unix tool, the command instead
 * stops writing and finishes quietly; its work (a `tick` that delivers) is
 * not cut short by a closed terminal.
 */
export function quietOnClosedPipe<S extends Stream>(stream: S): Writer {
  let closed = false;
  // EPIPE, or any other failure of an output stream: the output is lost, the work is not.
  stream.on?.('error', () => {
    closed = true;
  });
  return {
    write: (text: string) => (closed ? false : stream.write(text)),
  };
}

/** How long a failing process gets to stop cleanly before it exits anyway. */
export const FATAL_STOP_DEADLINE_MS = 10_000;

/**
 * The last line of defence of the running bot (`dialogue-bot start`):
 *
 * - an unhandled promise rejection is a bug in a piece of work that has
 *   already failed on its own (a listener, a tick, a home refresh); it is
 *   logged with its stack and the bot keeps serving;
 * - an uncaught exception may have left anything half done, so the process
 *   is not trusted to go on: it is logged, the bot stops as on SIGTERM
 *   (no new requests, those in flight finish, the database closes) within
 *   FATAL_STOP_DEADLINE_MS, and exits 1 for the supervisor to restart it.
 */
export interface Guarded {
  /** The running app's logger, once there is one. */
  logger(): Logger | null;
  /** Stops the running app (as on SIGTERM); resolves at once when there is none yet. */
  stop(): Promise<void>;
}

export function installLastResort(
  proc: ProcessLike,
  app: Guarded,
  deadlineMs = FATAL_STOP_DEADLINE_MS,
  stderr: Writer = process.stderr,
): void {
  let failing = false;
  const asError = (v: unknown) => (v instanceof Error ? v : new Error(String(v)));
  // Before the app's logger exists (still starting), a plain line on stderr.
  const log = (level: 'error' | 'fatal', err: Error, msg: string, extra: object = {}) => {
    const logger = app.logger();
    if (logger) logger[level]({ err, ...extra }, msg);
    else stderr.write(`dialogue-bot: ${msg}: ${err.stack ?? err.message}\n`);
  };
  const exit = () => {
    app.logger()?.flush();
    proc.exit(1);
  };
  proc.on('unhandledRejection', (reason) => {
    log('error', asError(reason), 'unhandled promise rejection; still serving');
  });
  proc.on('uncaughtException', (error, origin) => {
    if (failing) {
      log('fatal', error, 'uncaught exception while stopping; exiting now', { origin });
      exit();
      return;
    }
    failing = true;
    log('fatal', error, 'uncaught exception; stopping (exit 1)', { origin });
    const timer = setTimeout(() => {
      app.logger()?.error('could not stop cleanly in time; exiting');
      exit();
    }, deadlineMs);
    timer.unref();
    app
      .stop()
      .catch((stopError: unknown) => app.logger()?.error({ err: stopError }, 'stop failed'))
      .finally(() => {
        clearTimeout(timer);
        exit();
      });
  });
}
