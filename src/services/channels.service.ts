import { LANGS, type Lang } from '../domain/types.js';
import type { ServiceContext } from './context.js';

/** What Slack said of a channel is remembered this long (a channel rarely becomes shared, or stops being). */
export const SHARED_TTL_MS = 6 * 60 * 60_000;
/** A failed look-up (no scope, an outage) is remembered this long, as "not shared": not asked on every post. */
export const SHARED_FAILED_TTL_MS = 10 * 60_000;
/** Channels remembered at most (the oldest is forgotten first). */
const MAX_CHANNELS = 5_000;

/** Asks the workspace whether a channel is shared with another organisation (Slack: conversations.info). */
export type SharedLookup = (channelId: string) => Promise<boolean>;

/**
 * The languages of what the app posts in a channel. A channel shared by both
 * delegations — a dialogue marked `bilingual: true` in config, or a Slack
 * Connect channel (remembered from `conversations.info`) — gets English and
 * Spanish in one message, the configured language first; any other channel
 * gets the dialogue's `language`, else the app's. DMs are not channels: a
 * person is written to in their own language.
 */
export class ChannelService {
  private readonly shared = new Map<string, { readonly shared: boolean; readonly until: number }>();
  /** Look-ups in flight, so a burst of posts to one channel asks once. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly ctx: ServiceContext) {}

  /** The language of a dialogue's posts in a channel that is not bilingual. */
  channelLang(dialogueId: string): Lang {
    return this.ctx.settingsFor(dialogueId)?.seed.language ?? this.ctx.config.app.language;
  }

  /** Whether config marks the dialogue's channels as shared by both delegations. */
  configuredBilingual(dialogueId: string): boolean {
    return this.ctx.settingsFor(dialogueId)?.seed.bilingual ?? false;
  }

  /** What is remembered of a channel: shared (true), not shared or not known to be (false), or not asked yet. */
  known(channelId: string, now: Date): boolean | undefined {
    const e = this.shared.get(channelId);
    if (!e) return undefined;
    if (e.until <= now.getTime()) {
      this.shared.delete(channelId);
      return undefined;
    }
    return e.shared;
  }

  remember(channelId: string, shared: boolean, now: Date, ttlMs = SHARED_TTL_MS): void {
    if (this.shared.size >= MAX_CHANNELS && !this.shared.has(channelId)) {
      const oldest = this.shared.keys().next().value;
      if (oldest !== undefined) this.shared.delete(oldest);
    }
    this.shared.delete(channelId);
    this.shared.set(channelId, { shared, until: now.getTime() + ttlMs });
  }

  /**
   * Whether a channel is shared with another organisation: remembered, else
   * asked (once, however many ask at the same time) and remembered. A failed
   * look-up counts as not shared, remembered for a shorter while.
   */
  async learn(channelId: string, now: Date, lookup: SharedLookup | undefined): Promise<boolean> {
    const known = this.known(channelId, now);
    if (known !== undefined || !lookup) return known ?? false;
    let pending = this.asking.get(channelId);
    if (!pending) {
      pending = lookup(channelId).then(
        (shared) => {
          this.remember(channelId, shared, now);
          return shared;
        },
        (error: unknown) => {
          this.ctx.logger.warn(
            { err: error, channel: channelId },
            'could not tell whether the channel is shared; posting in its own language',
          );
          this.remember(channelId, false, now, SHARED_FAILED_TTL_MS);
          return false;
        },
      );
      this.asking.set(channelId, pending);
      void pending.finally(() => this.asking.delete(channelId));
    }
    return pending;
  }

  /**
   * The languages a post of this dialogue in this channel is written in, its
   * own language first: both when the channel is shared by both delegations
   * (config, or what is remembered of Slack Connect), else one.
   */
  langs(dialogueId: string, channelId: string | null, now: Date): readonly Lang[] {
    const own = this.channelLang(dialogueId);
    const both = this.configuredBilingual(dialogueId) || (channelId !== null && this.known(channelId, now) === true);
    return both ? [own, ...LANGS.filter((l) => l !== own)] : [own];
  }

  /** As `langs`, first asking the workspace about a channel not known yet (the reminder tick). */
  async langsAsking(
    dialogueId: string,
    channelId: string | null,
    now: Date,
    lookup: SharedLookup | undefined,
  ): Promise<readonly Lang[]> {
    if (channelId !== null && !this.configuredBilingual(dialogueId)) await this.learn(channelId, now, lookup);
    return this.langs(dialogueId, channelId, now);
  }
}
