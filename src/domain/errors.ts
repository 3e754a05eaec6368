import type { CommitmentStatus } from './types.js';

/** An error that needs no parameters. */
type NoParams = Readonly<Record<never, never>>;

/**
 * Every domain error code and the parameters its message needs. The
 * constructor checks a code and its parameters together, and the catalogue
 * has one message per code taking exactly these (`errorText` in
 * `src/presentation/errors.ts` is the one place an error becomes words), so
 * domain and service code never builds prose for users.
 */
export interface DomainErrorParams {
  readonly 'round.already_held': { readonly edition: number };
  readonly 'round.cancelled': { readonly edition: number };
  readonly 'round.held_needs_date': { readonly edition: number };
  readonly 'round.held_in_future': { readonly date: string };
  readonly 'date.in_past': { readonly date: string };
  readonly 'round.already_postponed': { readonly edition: number };
  readonly 'round.already_cancelled': { readonly edition: number };
  readonly 'commitment.not_found': { readonly id: string };
  /** `status`: the status as a code (`in-progress`); the message words it in the reader's language. */
  readonly 'commitment.same_status': { readonly id: string; readonly status: CommitmentStatus };
  readonly 'commitment.empty_text': NoParams;
  /** `sides`: the words the dialogue's sides answer to, joined with `|` (`mx|uk`). */
  readonly 'commitment.unknown_party': { readonly side: string; readonly sides: string };
  readonly 'commitment.side_required': { readonly id: string; readonly example: string };
  readonly 'dialogue.not_found': { readonly id: string };
  readonly 'dialogue.ambiguous': { readonly ids: string };
  readonly 'auth.not_editor': NoParams;
  readonly 'input.control_chars': NoParams;
  readonly 'round.held_before_last': { readonly date: string; readonly last: string; readonly edition: number };
  readonly 'round.only_projected': { readonly edition: number; readonly year: number };
  readonly 'date.too_far': { readonly date: string; readonly years: number };
  /** The other change, just made: who, what it touched, its action and the fields it set, as they are now. */
  readonly 'change.collided': {
    readonly target: ChangeTarget;
    readonly actor: string;
    readonly action: string;
    readonly fields: readonly FieldValue[];
  };
  readonly 'undo.nothing': NoParams;
  readonly 'undo.not_found': { readonly id: number };
  readonly 'undo.not_author': { readonly id: number; readonly actor: string };
  readonly 'undo.too_old': { readonly id: number };
  readonly 'undo.already': { readonly id: number };
  /** `later`: the change that builds on it, by `actor`: what it touched, its action and the fields it changed. */
  readonly 'undo.depends': {
    readonly id: number;
    readonly later: number;
    readonly actor: string;
    readonly target: ChangeTarget;
    readonly action: string;
    readonly fields: readonly string[];
  };
  /** `field`: the one changed since, or null when the record itself is gone or moved. */
  readonly 'undo.changed_since': { readonly id: number; readonly target: ChangeTarget; readonly field: string | null };
  /**
   * A viewer link revoked by someone else a moment before (two revokes at
   * once): who and in which change, when the change log says (else null).
   */
  readonly 'page.already_revoked': {
    readonly label: string;
    readonly actor: string | null;
    readonly change: number | null;
  };
}

export type DomainErrorCode = keyof DomainErrorParams;

/**
 * What a change touched, in codes the catalogue words: a round by its number
 * as the governments count it, a commitment by its ID, a page link by the
 * change log's name for it (`viewer:<label>`, `private:<user>`).
 */
export type ChangeTarget = { readonly round: number } | { readonly commitment: string } | { readonly page: string };

/**
 * A field as the change log names it (`status`, `due_date`, `owner:<side>`;
 * a round's `state`, `date`, `time`, `endTime`, `city`, `year`, `reason`) and
 * its value as stored (a status or state code, an ISO date, a user ID).
 */
export interface FieldValue {
  readonly field: string;
  readonly value: string | null;
}

/** The constructor's parameters argument: required when the code has any, optional otherwise. */
type ParamsArgument<C extends DomainErrorCode> = keyof DomainErrorParams[C] extends never
  ? [params?: DomainErrorParams[C]]
  : [params: DomainErrorParams[C]];

export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  override readonly name = 'DomainError';
  readonly params: DomainErrorParams[C];
  constructor(
    readonly code: C,
    ...[params]: ParamsArgument<C>
  ) {
    super(`${code} ${JSON.stringify(params ?? {})}`);
    this.params = params ?? ({} as DomainErrorParams[C]);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Localised names travel with the reasons that need them (domain data, not prose). */
export interface NamedParty {
  readonly code: string;
  readonly name: { readonly en: string; readonly es: string };
}

/** Why a change asks "are you sure?" before it is applied. */
export type ConfirmReason =
  | {
      readonly code: 'held_far_from_scheduled';
      readonly date: string;
      readonly scheduled: string;
      readonly days: number;
    }
  | { readonly code: 'held_soon_after_last'; readonly date: string; readonly last: string; readonly days: number }
  | { readonly code: 'weekend'; readonly date: string }
  | { readonly code: 'holiday'; readonly date: string; readonly party: NamedParty }
  | { readonly code: 'cancel_round'; readonly number: number | null; readonly year: number }
  | { readonly code: 'drop_commitment'; readonly id: string }
  | { readonly code: 'revoke_page_link'; readonly label: string }
  | { readonly code: 'reset_page_link' };

/** A change that needs the user's confirmation (Slack: a Confirm button; CLI: --yes). Nothing was changed. */
export class NeedsConfirmation extends Error {
  override readonly name = 'NeedsConfirmation';
  constructor(readonly reasons: readonly ConfirmReason[]) {
    super(`needs confirmation: ${reasons.map((r) => r.code).join(', ')}`);
  }
}

export type NoChangeReason =
  | { readonly code: 'round.same_outcome'; readonly number: number | null; readonly date: string }
  | { readonly code: 'round.same_schedule'; readonly number: number | null; readonly date: string }
  | { readonly code: 'commitment.same_owner'; readonly id: string; readonly user: string; readonly party: NamedParty }
  | { readonly code: 'commitment.same_due'; readonly id: string; readonly date: string };

/** The change asked for is already the case: a no-op that says so (not an error). */
export class NoChange extends Error {
  override readonly name = 'NoChange';
  constructor(readonly reason: NoChangeReason) {
    super(`no change: ${reason.code}`);
  }
}

/** C0 and C1 control characters other than tab and line breaks (NUL and friends). */
function isControl(code: number): boolean {
  return (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return true;
  return false;
}

/** Refuses text with control characters, the same way whatever the store (Postgres cannot hold NUL). */
export function requireCleanText(text: string): string {
  if (hasControlChars(text)) throw new DomainError('input.control_chars');
  return text;
}
