import { type DestinationStream, type Logger, pino } from 'pino';

/** `/calendar/<token>.ics` → `/calendar/[redacted].ics`: feed tokens are secrets. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/\/calendar\/[^/?#]+/g, '/calendar/[redacted]');
}

const REDACT = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers.authorization',
  'config.env.slackBotToken',
  'config.env.slackAppToken',
  'config.env.slackSigningSecret',
];

/**
 * One JSON line per event on stderr (stdout belongs to replies in local mode
 * and to CLI output). Secrets are redacted by path; URLs that carry a feed
 * token are rewritten by the `url` serializer.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'dialogue-tracker' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { url: (u: string) => redactUrl(u), err: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
