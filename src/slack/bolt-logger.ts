import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt's logger interface on top of our pino logger, so Bolt's own messages
 * land in the same stream (and obey LOG_LEVEL). Bolt never logs tokens; our
 * pino config redacts them anyway.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  let level: LogLevel = LogLevel.INFO;
  return {
    // Bolt logs at debug several times per request: format only when it will be written.
    debug: (...msg) => {
      if (log.isLevelEnabled('debug')) log.debug(text(msg));
    },
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => {
      const err = msg.find((m) => m instanceof Error);
      if (err) log.error({ err }, text(msg.filter((m) => m !== err)));
      else log.error(text(msg));
    },
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
