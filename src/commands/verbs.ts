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
    unsubscribe: verb(true, true, '[all|mine] [confirm]|undo #N'),
    reminders: verb(false, true, '[days] [page N]'),
    'remind-here': verb(true, false),
    import: verb(true, true),
    undo: verb(true, false),
    // The files go to the asker alone (a DM file); nothing to share or keep.
    export: verb(false, true, '[csv|md]'),
    // A secret address (the asker's own, or a viewer link an editor hands out): never shared, never cached.
    page: verb(true, true, '[share label|links|revoke label|reset]'),
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

/**
 * Spanish words for the verbs, where a Spanish speaker would reach for one
 * (`/dialogue ayuda`, `/commitments agregar`). An alias is read as its verb
 * before anything else looks at it, so the verb's facts (changes, private:
 * Share, the answer cache, the request log) hold for the alias too. Typed
 * with or without accents, in any case (`próxima`, `PROXIMA`).
 */
export const ALIASES = {
  '/dialogue': {
    ayuda: 'help',
    siguiente: 'next',
    proxima: 'next',
    ciclo: 'cycle',
    tarjeta: 'brief',
    programar: 'schedule',
    celebrada: 'held',
    posponer: 'postpone',
    cancelar: 'cancel',
    suscribir: 'subscribe',
    suscribirse: 'subscribe',
    desuscribir: 'unsubscribe',
    desuscribirse: 'unsubscribe',
    recordatorios: 'reminders',
    'recordar-aqui': 'remind-here',
    importar: 'import',
    deshacer: 'undo',
    exportar: 'export',
    idioma: 'lang',
    pagina: 'page',
  },
  '/commitments': {
    lista: 'list',
    listar: 'list',
    mostrar: 'show',
    ver: 'show',
    actualizar: 'update',
    asignar: 'assign',
    plazo: 'due',
    vence: 'due',
    nota: 'note',
    agregar: 'add',
    historial: 'history',
    deshacer: 'undo',
    ayuda: 'help',
  },
} as const satisfies { readonly [C in CommandName]: Readonly<Record<string, VerbName<C>>> };

/** A typed verb as the registry knows it: lower case, accents off (`Próxima` → `proxima`). */
function verbKey(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The verb a typed word stands for: itself when it is a verb, its verb when it is an alias, else the word (lower case). */
export function canonicalVerb(command: CommandName, word: string): string {
  const lower = word.toLowerCase();
  if (Object.hasOwn(VERBS[command], lower)) return lower;
  const key = verbKey(word);
  const aliases: Readonly<Record<string, string>> = ALIASES[command];
  return Object.hasOwn(aliases, key) ? aliases[key]! : lower;
}

/** The Spanish aliases of one command, as `[alias, verb]` pairs in table order. */
export function verbAliases(command: CommandName): readonly (readonly [alias: string, verb: string])[] {
  return Object.entries(ALIASES[command] as Readonly<Record<string, string>>);
}

/** The verb empty text means. */
export const DEFAULT_VERB: { readonly [C in CommandName]: VerbName<C> } = {
  '/dialogue': 'help',
  '/commitments': 'list',
};

/** What a verb (or one of its aliases) is; undefined for a word that is neither. */
export function verbFacts(command: CommandName, verb: string): VerbFacts | undefined {
  const table: Readonly<Record<string, VerbFacts>> = VERBS[command];
  const name = canonicalVerb(command, verb);
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The verbs of one command, in table order. */
export function verbNames(command: CommandName): readonly string[] {
  return Object.keys(VERBS[command]);
}

/**
 * How a command's text is read, the same way everywhere: `--dialogue id`
 * taken out wherever it stands, then the first word (lower-cased, an alias
 * read as its verb) is the verb, or the command's default when there is none.
 */
export function readVerb(
  command: CommandName,
  text: string,
): { verb: string; typed: string | null; argText: string; dialogue: string | null; flagMissing: boolean } {
  const flag = extractDialogueFlag(text);
  const tokens = tokenize(flag.text);
  const typed = tokens.words[0] ?? null;
  return {
    verb: typed === null ? DEFAULT_VERB[command] : canonicalVerb(command, typed),
    typed,
    argText: typed === null ? '' : tokens.rest(1),
    dialogue: flag.dialogue,
    flagMissing: flag.missing,
  };
}

/**
 * Whether this text's answer may be offered for sharing in the channel: a
 * known verb that neither answers privately nor changes data. Share runs the
 * command again, so a changing verb's answer ("nothing to undo", "already
 * done") would, clicked later, apply whatever the command does by then.
 */
export function isShareable(command: CommandName, text: string): boolean {
  const facts = verbFacts(command, readVerb(command, text).verb);
  return facts !== undefined && !facts.private && !facts.changes;
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
