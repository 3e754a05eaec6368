import { type DestinationStream, type Logger, pino } from 'pino';

/** `/calendar/<token>.ics` → `/calendar/[redacted].ics`, `/page/<token>` → `/page/[redacted]`: feed and page tokens are secrets. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/\/(calendar|page)\/[^/?#]+/g, '/$1/[redacted]');
}

/**
 * Secrets as they can appear inside any text: a feed or page link (the token
 * is the path segment after `/calendar/` or `/page/`, up to the `.ics`), and
 * Slack tokens (`xoxb-…`, `xoxp-…`, `xapp-…`). Token characters are URL-safe,
 * so the same pattern works on a JSON line (nothing in them is escaped).
 */
const SECRET_TEXT = /(\/(?:calendar|page)\/)[A-Za-z0-9_-]{16,}|\bx(?:ox[a-z]|app)-[A-Za-z0-9-]{6,}/g;

/** Every secret in `text` replaced by `[redacted]` (a link keeps its path, so the line still says what it was). */
export function redactText(text: string, literals: readonly string[] = []): string {
  let out = text.replace(SECRET_TEXT, (_m, prefix: string | undefined) => `${prefix ?? ''}[redacted]`);
  for (const secret of literals) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
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
  'config.env.metricsToken',
  'metricsToken',
];

export interface LoggerOptions {
  /** Values never to be written as they are (the signing secret, tokens from the environment). */
  readonly secrets?: readonly (string | null | undefined)[];
}

type Flushable = DestinationStream & { flush?: (cb?: (err?: Error) => void) => void; flushSync?: () => void };

/**
 * Redacts each finished line on its way out, whatever wrote it: our messages,
 * Bolt's (its debug lines carry whole request bodies, with feed links in
 * them), a serialised error's message and stack. Path redaction alone misses
 * secrets inside strings; this catches them at every level.
 */
function redactingDestination(inner: Flushable, secrets: readonly string[]): DestinationStream {
  const out: Flushable = { write: (line: string) => inner.write(redactText(line, secrets)) };
  if (inner.flush) out.flush = (cb) => inner.flush!(cb);
  if (inner.flushSync) out.flushSync = () => inner.flushSync!();
  return out;
}

/**
 * One JSON line per event on stderr (stdout belongs to replies in local mode
 * and to CLI output). Secrets are redacted by path and, in every line, by
 * shape (feed/page links, Slack tokens) and by value (`options.secrets`).
 */
export function createLogger(level: string, destination?: DestinationStream, options: LoggerOptions = {}): Logger {
  // Short secrets would redact ordinary words; real ones are long.
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 8);
  let out = destination;
  if (!out) {
    const stderr = pino.destination({ fd: 2, sync: false });
    // stderr closed under us (`2>&1 | head -1`): the log is lost, the process is not.
    stderr.on('error', () => {});
    out = stderr;
  }
  return pino(
    {
      level,
      base: { app: 'dialogue-tracker' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { url: (u: string) => redactUrl(u), err: pino.stdSerializers.err },
    },
    redactingDestination(out as Flushable, secrets),
  );
}
