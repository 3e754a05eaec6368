import type { Lang } from '../domain/types.js';
import { BoundedMap } from '../lib/bounded-map.js';
import type { Reply } from '../presentation/reply.js';
import type { CommandName } from './context.js';

/** Answers kept per store revision (a few KB each); the oldest go first past this. */
const MAX_ANSWERS = 256;
/** Users whose chosen language is kept (a few bytes each); the oldest go first past this. */
const MAX_LANGS = 5_000;

/**
 * What the router already worked out at one store revision: each user's
 * chosen language and the answers of read-only commands (keyed by the
 * minute, so "in 3 days" and "overdue" stay right). Any change to the store,
 * made by this process or another, moves the revision and empties both.
 */
export class AnswerCache {
  private revision: number | null = null;
  private readonly langs = new BoundedMap<string, Lang | null>(MAX_LANGS);
  private readonly answers = new BoundedMap<string, Reply>(MAX_ANSWERS);

  /** Call with the store revision read at the start of each command, before any other read. */
  at(revision: number): void {
    if (revision === this.revision) return;
    this.revision = revision;
    this.langs.clear();
    this.answers.clear();
  }

  chosenLang(userId: string): Lang | null | undefined {
    return this.langs.get(userId);
  }

  rememberLang(userId: string, lang: Lang | null): void {
    this.langs.set(userId, lang);
  }

  /** Where an answer is kept: everything it depends on besides the store. */
  static key(command: CommandName, text: string, userId: string, channelId: string | null, lang: Lang, now: Date) {
    const minute = Math.floor(now.getTime() / 60_000);
    return `${command}\u0000${text}\u0000${userId}\u0000${channelId ?? ''}\u0000${lang}\u0000${minute}`;
  }

  answer(key: string): Reply | undefined {
    return this.answers.get(key);
  }

  /**
   * Keeps an answer of a verb the registry calls cacheable (`isCacheable`: it
   * only reads, and its answer depends on the store, the words typed, who asks
   * and where, the language and the time — nothing else); a failure (something unexpected went wrong) is never kept. */
  remember(key: string, reply: Reply): void {
    if (reply.kind === 'failure') return;
    this.answers.set(key, deepFreeze(reply));
  }
}

/** A kept answer is handed to every asker: frozen, so no front end can change it for the next one. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
