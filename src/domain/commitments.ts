import { type ConfirmReason, DomainError, NoChange } from './errors.js';
import { LANGUAGES } from './statement/lang/index.js';
import { COMMITMENT_STATUSES, type CommitmentStatus, type Lang, type Localized, type Party } from './types.js';

// The statuses are defined with the shared shapes (errors name them too); commitments are where they are used.
export { COMMITMENT_STATUSES, type CommitmentStatus };

/**
 * What people type for each status, in English and in Spanish (with or
 * without accents or hyphens): `en-curso`, `cumplido`, `no iniciado`…
 */
const STATUS_WORDS: Readonly<Record<string, CommitmentStatus>> = {
  'not-started': 'not-started',
  'in-progress': 'in-progress',
  done: 'done',
  dropped: 'dropped',
  'no-iniciado': 'not-started',
  'sin-iniciar': 'not-started',
  'en-curso': 'in-progress',
  'en-proceso': 'in-progress',
  cumplido: 'done',
  hecho: 'done',
  descartado: 'dropped',
};

/** A typed status word in either language, or null. */
export function parseCommitmentStatus(word: string): CommitmentStatus | null {
  const key = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return Object.hasOwn(STATUS_WORDS, key) ? STATUS_WORDS[key]! : null;
}

export interface Commitment {
  readonly dialogueId: string;
  /** Stable, human-typable ID: `R1-7a` = round 1, paragraph 7, first undertaking. */
  readonly id: string;
  /** The round whose statement recorded it (null for one added by hand between rounds). */
  readonly edition: number | null;
  readonly paragraph: string | null;
  readonly theme: string;
  /** The statement's own words. */
  readonly text: string;
  /** The words in each language known (a statement imported with its translation has both); empty when not known. */
  readonly texts?: Readonly<Partial<Record<Lang, string>>>;
  /** A short title in each language, when curated. */
  readonly summary: Localized | null;
  readonly status: CommitmentStatus;
  /** Slack user ID of the owner on each side, keyed by party code. */
  readonly owners: Readonly<Record<string, string | null>>;
  readonly dueDate: string | null;
  /** The statement it was read from (absent for one added by hand, or recorded before sources were kept). */
  readonly source?: CommitmentSource | null;
  /** Slack user ID of whoever added it by hand. */
  readonly createdBy?: string | null;
  readonly sequence: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Where a commitment was read from. */
export interface CommitmentSource {
  /** The statement's title. */
  readonly title: string;
  /** Where it is published, when known. */
  readonly url: string | null;
  /** The sentence it was read from, in the statement's own words (it may hold several undertakings). */
  readonly text: string | null;
}

/** A commitment as first recorded: not started, no owners, no due date. */
export function newCommitment(
  fields: Pick<Commitment, 'dialogueId' | 'id' | 'edition' | 'paragraph' | 'theme' | 'text'> &
    Partial<Pick<Commitment, 'summary' | 'status' | 'dueDate' | 'source' | 'createdBy' | 'texts'>>,
  at: string,
): Commitment {
  return {
    summary: null,
    status: 'not-started',
    owners: {},
    dueDate: null,
    source: null,
    createdBy: null,
    ...fields,
    sequence: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export function isCommitmentStatus(value: string): value is CommitmentStatus {
  return (COMMITMENT_STATUSES as readonly string[]).includes(value);
}

export function isOpenCommitment(c: Pick<Commitment, 'status'>): boolean {
  return c.status === 'not-started' || c.status === 'in-progress';
}

export function changeStatus(c: Commitment, status: CommitmentStatus): Commitment {
  if (c.status === status) throw new DomainError('commitment.same_status', { id: c.id, status });
  return { ...c, status };
}

/** Dropping a commitment is destructive: it asks first. */
export function statusConfirmations(c: Commitment, status: CommitmentStatus): ConfirmReason[] {
  return status === 'dropped' && c.status !== 'dropped' ? [{ code: 'drop_commitment', id: c.id }] : [];
}

/** Sets the owner on one side; the current owner again is a no-op that says so. */
export function assignOwner(c: Commitment, party: Party, userId: string): Commitment {
  if (c.owners[party.code] === userId)
    throw new NoChange({
      code: 'commitment.same_owner',
      id: c.id,
      user: userId,
      party: { code: party.code, name: party.name },
    });
  return { ...c, owners: { ...c.owners, [party.code]: userId } };
}

export function setDueDate(c: Commitment, date: string): Commitment {
  if (c.dueDate === date) throw new NoChange({ code: 'commitment.same_due', id: c.id, date });
  return { ...c, dueDate: date };
}

/** Normalises a typed ID (`r1-7A` → `R1-7a`) so lookups are forgiving of case. */
export function normaliseCommitmentId(raw: string): string {
  const t = raw.trim();
  const m = /^([a-z]+)(\d+)(?:-(\d+)([a-z]*))?$/i.exec(t);
  if (!m) return t;
  return `${m[1]!.toUpperCase()}${m[2]}${m[3] !== undefined ? `-${m[3]}${(m[4] ?? '').toLowerCase()}` : ''}`;
}

export type CommitmentFilter =
  | { readonly kind: 'open' }
  | { readonly kind: 'done' }
  | { readonly kind: 'all' }
  | { readonly kind: 'theme'; readonly theme: string }
  | { readonly kind: 'owner'; readonly userId: string };

export function matchesFilter(c: Commitment, filter: CommitmentFilter): boolean {
  switch (filter.kind) {
    case 'open':
      return isOpenCommitment(c);
    case 'done':
      return c.status === 'done';
    case 'all':
      return true;
    case 'theme':
      return c.theme.toLowerCase() === filter.theme.toLowerCase();
    case 'owner':
      return Object.values(c.owners).includes(filter.userId);
  }
}

/** The fields whose change people see (calendar, messages): a change of any bumps the sequence. */
export function commitmentVisiblyDiffers(a: Commitment, b: Commitment): boolean {
  return (
    a.status !== b.status ||
    a.dueDate !== b.dueDate ||
    a.text !== b.text ||
    JSON.stringify(a.owners) !== JSON.stringify(b.owners)
  );
}

/** Each language's short common words, as sets (the statement parser's tables). */
const STOPWORDS = new Map(LANGUAGES.map((table) => [table.code, new Set(table.stopwords)]));

/**
 * The language a text is plainly written in: the one whose common short
 * words it uses most, when it uses more of them than of any other's; null
 * when it cannot be told (a few words, a name).
 */
export function textLanguage(text: string): Lang | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: Lang | null = null;
  let bestScore = 0;
  let tie = false;
  for (const [code, stop] of STOPWORDS) {
    const score = words.filter((w) => stop.has(w)).length;
    if (score > bestScore) [best, bestScore, tie] = [code, score, false];
    else if (score === bestScore && score > 0) tie = true;
  }
  return tie ? null : best;
}

/**
 * The words a reader of `lang` sees: their language's when known, else the statement's own words with
 * the language they are in (so a reply can say "in Spanish"): the one recorded, else the one the
 * words are plainly in (a commitment seeded or typed in one language).
 */
export function commitmentTextFor(
  c: Pick<Commitment, 'text' | 'texts'>,
  lang: Lang,
): { readonly text: string; readonly foreign: Lang | null } {
  const texts = c.texts ?? {};
  const own = texts[lang];
  if (own) return { text: own, foreign: null };
  const other = (Object.keys(texts) as Lang[]).find((l) => texts[l]);
  if (other) return { text: texts[other]!, foreign: other };
  const written = textLanguage(c.text);
  return { text: c.text, foreign: written !== null && written !== lang ? written : null };
}
