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
  | 'input.invalid';

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
