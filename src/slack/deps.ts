import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Answer, CommandName } from '../commands/router.js';
import { readVerb, verbFacts } from '../commands/verbs.js';
import type { Core } from '../core.js';
import type { Lang } from '../domain/types.js';
import { isSharedChannel } from './connect.js';
import type { HomeRefresher } from './home-refresh.js';
import { slackName } from './names.js';
import { type InFlight, KeyedLock, OnceGuard, TtlCache } from './support.js';

/** A user's Slack locale is cached this long (people rarely change it; a restart forgets it anyway). */
const LOCALE_TTL_MS = 6 * 60 * 60_000;
/**
 * A failed users.info (a user of another organisation the token cannot see,
 * an outage) is remembered this long as "locale unknown": asked again on
 * every command, such a user's answers would never fit in the ack.
 */
export const LOCALE_FAILED_TTL_MS = 30 * 60_000;

/**
 * The language a Slack user is answered in: chosen with `/dialogue lang`, else
 * their Slack locale (users.info with include_locale, cached), else the app's.
 */
export class LocaleResolver {
  private readonly cache = new TtlCache<string | null>(LOCALE_TTL_MS);

  constructor(
    private readonly core: Core,
    private readonly clock: () => Date,
  ) {}

  /** The user's Slack locale when it is known without asking Slack (null: Slack would not say); else undefined. */
  knownLocale(userId: string): string | null | undefined {
    return this.cache.get(userId, this.clock().getTime());
  }

  /** What to pass as `locale` to the router; may call users.info (slow): only after ack. */
  async locale(client: WebClient, userId: string): Promise<string | null> {
    // A language chosen with /dialogue lang wins anyway (the router checks it); not reading it here saves a query.
    const now = this.clock().getTime();
    const cached = this.cache.get(userId, now);
    if (cached !== undefined) return cached;
    try {
      const res = await client.users.info({ user: userId, include_locale: true });
      const locale = res.user?.locale ?? null;
      this.cache.set(userId, locale, now);
      // Their name, for calendar feeds that list them as an owner.
      const name = slackName(res.user);
      if (name)
        this.core.services.users
          .rememberName(userId, name, this.clock())
          .catch((error: unknown) => this.core.logger.warn({ err: error, user: userId }, 'could not store the name'));
      // Their zone and locale, for times shown to them (e.g. /dialogue reminders) and the language and hour
      // of their reminder DMs; kept as fresh as the locale.
      const zone = res.user?.tz ?? null;
      if (zone || locale) {
        this.core.services.users
          .rememberProfile(userId, { timezone: zone, locale }, this.clock())
          .catch((error: unknown) =>
            this.core.logger.warn({ err: error, user: userId }, 'could not store the user zone'),
          );
      }
      return locale;
    } catch (error) {
      this.core.logger.warn({ err: error, user: userId }, 'users.info failed; answering in the default language');
      this.cache.set(userId, null, now, LOCALE_FAILED_TTL_MS);
      return null;
    }
  }

  async lang(client: WebClient, userId: string): Promise<Lang> {
    return this.core.router.langFor(userId, await this.locale(client, userId));
  }

  /** Without any Web API call (before a trigger_id expires): chosen, else cached locale, else default. */
  quickLang(userId: string): Promise<Lang> {
    return this.core.router.langFor(userId, this.cache.get(userId, this.clock().getTime()) ?? null);
  }
}

/** What every listener needs. */
export interface SlackDeps {
  readonly core: Core;
  readonly clock: () => Date;
  readonly inflight: InFlight;
  /** Double clicks and repeated submissions: the first claim of a key wins. */
  readonly once: OnceGuard;
  /** Serialises changes to one record. */
  readonly locks: KeyedLock;
  readonly locales: LocaleResolver;
  readonly home: HomeRefresher;
}

export function createDeps(core: Core, clock: () => Date, inflight: InFlight, home: HomeRefresher): SlackDeps {
  return {
    core,
    clock,
    inflight,
    once: new OnceGuard(),
    locks: new KeyedLock(),
    locales: new LocaleResolver(core, clock),
    home,
  };
}

export interface RunRequest {
  readonly command: CommandName;
  readonly text: string;
  readonly userId: string;
  readonly channelId: string | null;
  /** The Slack request carrying it (see requestKey): a second delivery is answered, not applied again. */
  readonly requestKey?: string | null;
  /** The interaction's response URL: announcements fall back to it where the bot is not in the channel. */
  readonly responseUrl?: string | null;
}

/**
 * The key of one Slack request: a hash of its body as Slack signed it
 * (trigger_id and response_url make each delivery's body unique; a replay or
 * a retry with x-slack-retry-num carries the same body).
 */
export function requestKey(kind: string, body: unknown): string {
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`;
}

/** Runs one command through the router in the user's language. Never throws (the router does not). */
export async function runCommand(deps: SlackDeps, client: WebClient, req: RunRequest): Promise<Answer> {
  const known = deps.locales.knownLocale(req.userId);
  const [locale] = await Promise.all([
    known !== undefined ? known : deps.locales.locale(client, req.userId),
    learnChannel(deps, client, req),
  ]);
  // From Slack, a change is announced in the channel (through the outbox, after commit).
  return deps.core.router.answer({ ...req, now: deps.clock(), locale, announce: true });
}

/**
 * Before a change is announced in a channel: whether that channel is shared
 * by both delegations (Slack Connect), asked once and remembered, so the
 * announcement carries both languages there. Reading commands never ask.
 */
async function learnChannel(deps: SlackDeps, client: WebClient, req: RunRequest): Promise<void> {
  const facts = verbFacts(req.command, readVerb(req.command, req.text).verb);
  // Only a change whose answer is not private is announced in the channel.
  if (!req.channelId || !facts?.changes || facts.private) return;
  await deps.core.services.channels.learn(req.channelId, deps.clock(), (id) => isSharedChannel(client, id));
}
