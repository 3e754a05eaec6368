/**
 * What the joint-statement parser reads out of a statement, and what an import
 * into a dialogue would record. Pure data: no I/O, no clocks.
 */

export interface StatementMeeting {
  /** `YYYY-MM-DD`, or null when the body gives no date for this meeting. */
  readonly date: string | null;
  /** The place as stated ("London", "Mexico City"), or null. */
  readonly place: string | null;
  /** The edition as written ("inaugural", "second", "8th", "XII"), or null. */
  readonly edition: string | null;
}

export interface StatementDelegate {
  /** The person's name, honorifics (H.E., Dr, Ambassador …) removed. */
  readonly name: string;
  readonly title: string;
  /** The side as the statement names it among `parties` ("Mexico", "the United Kingdom"), or null when unclear. */
  readonly party: string | null;
  /** Led their side's delegation. */
  readonly lead: boolean;
}

export interface StatementParagraph {
  /** The statement's own number ("4"), or null when paragraphs are not numbered. */
  readonly number: string | null;
  /** 1-based position among the body's paragraphs. */
  readonly position: number;
  readonly text: string;
  readonly sentences: readonly string[];
}

export interface StatementCommitment {
  /** The statement's paragraph number, or null when paragraphs are not numbered. */
  readonly paragraph: string | null;
  /** 1-based position of the paragraph in the body (used for IDs when there are no numbers). */
  readonly position: number;
  /** The sentence, in the statement's exact words. */
  readonly text: string;
  /**
   * When one sentence lists several undertakings ("… including A, B and C"),
   * it yields one commitment per item, each with the same `text`; this is the item.
   */
  readonly item: string | null;
  /**
   * That one undertaking in the statement's words: the sentence's lead and
   * this item alone ("They decided to strengthen … including on feminist
   * foreign policy."); null when the sentence holds one undertaking.
   */
  readonly itemText: string | null;
  /** A lower-case kebab-case theme guessed from the words (multilateralism, human-rights, …). */
  readonly theme: string;
}

export interface StatementNextMeeting {
  /** The host as stated (a party, or a place when no party is named), or null. */
  readonly host: string | null;
  readonly year: number | null;
  /** The sentence, in the statement's exact words. */
  readonly text: string;
}

export interface ParsedStatement {
  /** The language the statement is written in (detected from its words). */
  readonly language: 'en' | 'es';
  /** The sides, as named (defined short names win: "Mexico", "the United Kingdom"). */
  readonly parties: readonly string[];
  readonly meeting: StatementMeeting;
  /** The edition as a number (inaugural → 1, XII → 12), or null. */
  readonly editionNumber: number | null;
  /** The publication line's date, when there is one. */
  readonly publishedOn: string | null;
  readonly title: string | null;
  /** The first web address the text gives (where it is published), when it gives one. */
  readonly url: string | null;
  readonly delegates: readonly StatementDelegate[];
  readonly paragraphs: readonly StatementParagraph[];
  readonly commitments: readonly StatementCommitment[];
  readonly nextMeeting: StatementNextMeeting | null;
}

/** The `--json` shape of the contract: exactly these keys. */
export interface StatementJson {
  parties: string[];
  meeting: { date: string | null; place: string | null; edition: string | null };
  delegates: { name: string; title: string; party: string | null }[];
  commitments: { paragraph: string | null; text: string }[];
  nextMeeting: { host: string | null; year: number | null; text: string } | null;
}

/** Why a statement cannot be recorded (each has an en/es message in the import catalog). */
export type ImportProblemCode =
  | 'statement.empty'
  | 'translation.same_language'
  | 'translation.other_meeting'
  | 'statement.no_date'
  | 'statement.date_in_future'
  | 'statement.parties_mismatch'
  | 'statement.edition_ahead'
  | 'round.held_on_other_date'
  | 'round.cancelled'
  | 'commitment.conflict';

export interface ImportProblem {
  readonly code: ImportProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Something worth telling the user that does not stop the import. */
export type ImportNoteCode = 'delegate.side_unknown' | 'next.not_recorded' | 'round.host_from_place';

export interface ImportNote {
  readonly code: ImportNoteCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface PlannedDelegate {
  /** Party code of the dialogue (MX, GB). */
  readonly party: string;
  readonly name: string;
  readonly title: string;
  readonly lead: boolean;
}

export interface PlannedCommitment {
  /** Stable ID: `R<edition>-<paragraph><a|b|…>`. */
  readonly id: string;
  readonly edition: number;
  readonly paragraph: string | null;
  /** This undertaking's own text (for one item of a list, that item alone). */
  readonly text: string;
  /** The sentence it was read from, in the statement's words. */
  readonly sourceText: string;
  readonly item: string | null;
  readonly theme: string;
  /** The words in each language: the statement's own, and its translation's when one was given. */
  readonly texts?: Readonly<Partial<Record<'en' | 'es', string>>>;
  /** False when a commitment with this ID and text is already recorded. */
  readonly isNew: boolean;
}

export interface PlannedNextRound {
  readonly edition: number;
  /** Party code. */
  readonly host: string;
  readonly year: number;
  /** record: new expected round · update: the expected round changes host/year · unchanged. */
  readonly action: 'record' | 'update' | 'unchanged';
  readonly source: string;
}

/** What importing a statement into a dialogue would change. Computed purely from the store's state. */
export interface ImportPlan {
  readonly dialogueId: string;
  /** The statement the commitments cite: its title (or the first line), and its URL when the text gives one. */
  readonly source: { readonly title: string; readonly url: string | null };
  readonly edition: number;
  readonly date: string;
  /** Party code of the host of the recorded round. */
  readonly host: string;
  /** True when the statement says where it met (so who hosted); else the expected host is kept. */
  readonly hostStated: boolean;
  readonly city: string | null;
  /** hold: the round becomes held · unchanged: already held on that date. */
  readonly roundAction: 'hold' | 'unchanged';
  readonly delegates: readonly PlannedDelegate[];
  /** record: none recorded yet for the edition · unchanged: some already are (never overwritten). */
  readonly delegatesAction: 'record' | 'unchanged';
  readonly commitments: readonly PlannedCommitment[];
  readonly nextRound: PlannedNextRound | null;
  /** The round people wait for after the import (recorded or projected). */
  readonly upcoming: { readonly edition: number; readonly host: string; readonly year: number };
  /** True when recording it would change nothing (the statement was imported before). */
  readonly noop: boolean;
}
