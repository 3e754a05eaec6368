/**
 * Errors that carry a stable `code` and the parameters a message needs.
 * They are mapped to user-facing text in exactly one place (the command
 * router, via the i18n catalogs), so domain and service code never builds
 * prose for users.
 */
export type DomainErrorCode =
  | 'round.not_found'
  | 'round.no_open_round'
  | 'round.already_held'
  | 'round.cancelled'
  | 'round.not_scheduled'
  | 'round.held_needs_date'
  | 'round.held_in_future'
  | 'date.in_past'
  | 'round.already_postponed'
  | 'round.already_cancelled'
  | 'commitment.not_found'
  | 'commitment.same_status'
  | 'commitment.empty_text'
  | 'commitment.unknown_party'
  | 'commitment.side_required'
  | 'dialogue.not_found'
  | 'dialogue.ambiguous'
  | 'auth.not_editor'
  | 'input.invalid'
  | 'input.control_chars'
  | 'round.held_before_last'
  | 'round.only_projected'
  | 'round.not_postponable'
  | 'date.too_far'
  | 'change.collided'
  | 'undo.nothing'
  | 'undo.not_found'
  | 'undo.not_author'
  | 'undo.too_old'
  | 'undo.already'
  | 'undo.depends'
  | 'undo.changed_since';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
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
