import type { CommandName } from './context.js';
import { extractDialogueFlag, tokenize } from './parse.js';

export type { CommandName } from './context.js';

/**
 * What every part of the app needs to know about a verb, in one place: the
 * router, the *Share in channel* button, the answer cache, import detection,
 * the manifest's usage hints (checked by a test) and the property test all
 * read this table. A verb's handler lives with its area (`dialogue.ts`, …);
 * a test checks that the handlers and this table name the same verbs.
 */
export interface VerbFacts {
  /** It can change stored data: never kept in the answer cache. */
  readonly changes: boolean;
  /**
   * Its answer belongs to the asker alone (a secret feed URL, their language,
   * their reminder zone, a form): never offered for sharing in the channel,
   * never kept in the cache.
   */
  readonly private: boolean;
  /** Its arguments after the verb, as the manifest's usage hint shows them ('' → none). */
  readonly usage: string;
}

const verb = (changes: boolean, priv: boolean, usage = ''): VerbFacts => ({ changes, private: priv, usage });

/** Every verb of both slash commands, in the order help and the manifest list them. */
export const VERBS = {
  '/dialogue': {
    help: verb(false, false),
    next: verb(false, false),
    cycle: verb(false, false),
    brief: verb(false, false, '[page N]'),
    schedule: verb(true, false, 'YYYY-MM-DD [HH:MM[-HH:MM]] [city]'),
    held: verb(true, false, 'YYYY-MM-DD'),
    postpone: verb(true, false, '[reason]'),
    cancel: verb(true, false, '[reason]'),
    subscribe: verb(true, true, '[mine|reset]'),
    unsubscribe: verb(true, true),
    reminders: verb(false, true),
    'remind-here': verb(true, false),
    import: verb(true, true),
    undo: verb(true, false),
    // The files go to the asker alone (a DM file); nothing to share or keep.
    export: verb(false, true, '[csv|md]'),
    lang: verb(true, true, 'en|es'),
  },
  '/commitments': {
    list: verb(false, false, '[open|done|all|theme|@user] [page N]'),
    show: verb(false, false, 'ID'),
    update: verb(true, false, 'ID status [note]'),
    assign: verb(true, false, 'ID @user [side]'),
    due: verb(true, false, 'ID YYYY-MM-DD'),
    note: verb(true, false, 'ID text'),
    add: verb(true, false, 'text'),
    history: verb(false, false, 'ID [page N]'),
    undo: verb(true, false),
    help: verb(false, false),
  },
} as const satisfies Record<CommandName, Record<string, VerbFacts>>;

export type VerbName<C extends CommandName> = keyof (typeof VERBS)[C] & string;

/** The verb empty text means. */
export const DEFAULT_VERB: { readonly [C in CommandName]: VerbName<C> } = {
  '/dialogue': 'help',
  '/commitments': 'list',
};

export function verbFacts(command: CommandName, verb: string): VerbFacts | undefined {
  const table: Readonly<Record<string, VerbFacts>> = VERBS[command];
  return Object.hasOwn(table, verb) ? table[verb] : undefined;
}

/** The verbs of one command, in table order. */
export function verbNames(command: CommandName): readonly string[] {
  return Object.keys(VERBS[command]);
}

/**
 * How a command's text is read, the same way everywhere: `--dialogue id`
 * taken out wherever it stands, then the first word (lower-cased) is the
 * verb, or the command's default when there is none.
 */
export function readVerb(
  command: CommandName,
  text: string,
): { verb: string; typed: string | null; argText: string; dialogue: string | null; flagMissing: boolean } {
  const flag = extractDialogueFlag(text);
  const tokens = tokenize(flag.text);
  const typed = tokens.words[0] ?? null;
  return {
    verb: typed === null ? DEFAULT_VERB[command] : typed.toLowerCase(),
    typed,
    argText: typed === null ? '' : tokens.rest(1),
    dialogue: flag.dialogue,
    flagMissing: flag.missing,
  };
}

/** Whether this text's answer may be offered for sharing in the channel: a known verb whose answer is not private. */
export function isShareable(command: CommandName, text: string): boolean {
  const facts = verbFacts(command, readVerb(command, text).verb);
  return facts !== undefined && !facts.private;
}

/** Whether answers of this verb may be kept per store revision and handed to the next asker. */
export function isCacheable(command: CommandName, verb: string): boolean {
  const facts = verbFacts(command, verb);
  return facts !== undefined && !facts.changes && !facts.private;
}

/** The manifest's `usage_hint` for a command: every verb with its arguments. */
export function usageHint(command: CommandName): string {
  return Object.entries(VERBS[command] as Readonly<Record<string, VerbFacts>>)
    .map(([name, facts]) => (facts.usage ? `${name} ${facts.usage}` : name))
    .join(' · ');
}
