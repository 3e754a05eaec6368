/**
 * What a Mexican reader would stop at in Spanish text: shared by the catalogue
 * test (every entry) and the end-to-end test of a Spanish-speaking user (every reply).
 */

/** Leftovers a Mexican reader would stop at: contractions not made, Spain-isms, foreign quotes, internals. */
export const SPANISH_FAULTS: [RegExp, string][] = [
  [/\ba el\b/i, '“a el” → “al”'],
  [/\bde el\b/i, '“de el” → “del”'],
  [/[«»]/, 'Mexican text quotes with “ ”'],
  [/\bañad/i, 'Mexican usage is agregar, not añadir'],
  [/\bvosotros|\bvuestr|\bpodéis|\btenéis/i, 'usted, never vosotros'],
  [/\bordenador/i, 'computadora'],
  [/\bmóvil\b/i, 'celular'],
  [/\bcoger\b/i, 'tomar'],
  [/\bvale\b/i, 'de acuerdo'],
  [/Nota previa/i, 'SRE usage: tarjeta informativa'],
  [/suscripci[óo]n[^.]*\bp[ée]guelo\b/i, 'agreement: la dirección → péguela'],
];

/** English words that should not appear in Spanish prose (outside command syntax, IDs and names). */
export const ENGLISH_WORDS =
  /\b(?:the|and|round|rounds|commitment|commitments|owner|owners|due|overdue|share|shared|update|reminder|reminders|not started|in progress|done|dropped|theme|themes|gender-equality|yes|today|tomorrow|meeting|feed|link|please)\b/i;

/** Environment variable names and other internals: never shown to a user in any language. */
export const INTERNALS =
  /\b(?:EDITORS|REMINDER_CHANNEL|DATABASE_URL|SLACK_[A-Z_]+|PUBLIC_URL|CONFIG_DIR|METRICS_TOKEN)\b/;

/** Command syntax a user types (kept in English on purpose): removed before checking prose. */
export function prose(text: string): string {
  return text
    .replace(/\/(?:dialogue|commitments)(?:\s+[\w<>|@[\]…:.-]+)*/g, ' ')
    .replace(/dialogue-bot(?:\s+[\w<>|@[\]…:.-]+)*/g, ' ')
    .replace(/--[\w-]+/g, ' ')
    .replace(
      /\b(?:not-started|in-progress|done|dropped|open|all|mine|reset|en|es)\b(?=\s*[|,)\]]|\s+o\b|\s+or\b)/g,
      ' ',
    )
    .replace(/`[^`]*`/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}
