import type { ImportNoteCode, ImportProblemCode } from '../../domain/statement/types.js';
import { withPreposition } from '../format.js';

type P = Readonly<Record<string, string | number>>;

/** Strings of the import area. `es` must have exactly these keys (checked by tsc). */
export const en = {
  header: (title: string | null) => (title ? `Joint statement · ${title}` : 'Joint statement'),
  labels: {
    parties: 'Parties',
    date: 'Meeting date',
    place: 'Place',
    edition: 'Edition',
    published: 'Published',
    none: 'not stated',
  },
  delegatesHeader: (n: number) => `Delegates (${n})`,
  delegate: (name: string, title: string, side: string, lead: boolean) =>
    `${name}${title ? ` — ${title}` : ''} (${side}${lead ? ', head of delegation' : ''})`,
  sideUnknown: 'side unclear',
  commitmentsHeader: (n: number) => `Commitments (${n})`,
  commitment: (paragraph: string | null, text: string) => `${paragraph ? `¶${paragraph}: ` : ''}${text}`,
  plannedCommitment: (id: string, isNew: boolean, text: string) =>
    `${id} · ${isNew ? 'new' : 'already recorded'} · ${text}`,
  noCommitments: 'No commitments found.',
  /** A commitment's words in the other language, marked as such. */
  foreignText: (text: string, lang: 'en' | 'es') => `${text} (${lang === 'es' ? 'in Spanish' : 'in English'})`,
  noDelegates: 'No delegates found.',
  next: (host: string | null, year: number | null, text: string) =>
    `Next meeting: ${[host, year].filter((x) => x !== null).join(', ') || 'host and year not stated'} — “${text}”`,
  noNext: 'Next meeting: not mentioned.',
  readOnly: 'Read only. Add --dialogue <id> to see what it would record there.',
  plan: {
    header: (dialogue: string) => `What it would record in ${dialogue}`,
    hold: (n: number, date: string, host: string, city: string | null) =>
      `Round ${n}: held on ${date}, hosted by ${host}${city ? ` (${city})` : ''}.`,
    alreadyHeld: (n: number, date: string) => `Round ${n}: already recorded as held on ${date}.`,
    delegates: (n: number, edition: number) => `${n} delegates for round ${edition}.`,
    delegatesKept: (edition: number) => `Delegates of round ${edition}: already recorded (kept as they are).`,
    newCommitments: (ids: string) => `New commitments: ${ids}.`,
    noNewCommitments: 'No new commitments.',
    nextRecord: (n: number, host: string, year: number) => `Round ${n}: expected in ${host} in ${year}.`,
    nextUpdate: (n: number, host: string, year: number) => `Round ${n}: expectation changes to ${host} in ${year}.`,
    nextUnchanged: (n: number, host: string, year: number) => `Round ${n}: already expected (${host}, ${year}).`,
    upcoming: (n: number, host: string, year: number) => `Afterwards the next round is round ${n}: ${host}, ${year}.`,
    noop: 'This statement has already been imported: nothing would change.',
    applyHint: 'Nothing recorded yet: run again with --apply to record it.',
  },
  applied: {
    done: (n: number, date: string) => `Statement recorded: round ${n} held on ${date}.`,
    noop: 'This statement had already been imported: nothing changed.',
    by: 'by ',
  },
  problems: {
    'translation.same_language': (p: P) =>
      `Both texts are in ${p.lang === 'es' ? 'Spanish' : 'English'}: give the other language’s version with --with (or in the translation field).`,
    'translation.other_meeting': (p: P) =>
      `The two texts are not the same statement: one says the meeting was on ${p.date}, the other on ${p.other}.`,
    'statement.empty': (p: P) =>
      `The statement is empty (or longer than ${p.max} characters): paste the plain text of the joint statement.`,
    'statement.no_date': () =>
      'No meeting date found: the statement should say when the round took place (e.g. “On 16 January 2024, …”). Nothing was recorded.',
    'statement.date_in_future': (p: P) =>
      `The meeting date ${p.date} is in the future: a round can only be recorded as held once it has happened.`,
    'statement.parties_mismatch': (p: P) =>
      `The statement’s parties (${p.parties}) are not those of ${p.dialogue} (${p.expected}): pick the right dialogue.`,
    'statement.edition_ahead': (p: P) =>
      `The statement records round ${p.edition}, but the next open round is round ${p.open}: record the rounds in between first.`,
    'round.held_on_other_date': (p: P) =>
      `Round ${p.edition} is already recorded as held on ${p.recorded}, not ${p.date}: check the statement, or correct the round first.`,
    'round.cancelled': (p: P) => `Round ${p.edition} is recorded as cancelled; it cannot be recorded as held.`,
    'commitment.conflict': (p: P) =>
      `Commitment ${p.id} is already recorded with different words: nothing was changed (edit it with /commitments).`,
  } satisfies Record<ImportProblemCode, (p: P) => string>,
  notes: {
    'delegate.side_unknown': (p: P) => `${p.name}: side unclear, not recorded.`,
    'next.not_recorded': (p: P) => `The next meeting’s host (${p.host}) is not a side of this dialogue.`,
    'round.host_from_place': (p: P) => `Hosted by ${p.host}, as it met in ${p.place}.`,
  } satisfies Record<ImportNoteCode, (p: P) => string>,
  nothingRecorded: 'Nothing was recorded.',
  command: {
    local:
      '/dialogue import reads a joint statement and records the round, delegates, commitments and next round. At the terminal run: dialogue-bot import <file> --dialogue <id> --apply (without --apply it only shows what it would record). In Slack, /dialogue import opens a form to paste the text.',
  },
  cli: {
    usage: 'Usage: dialogue-bot import <file> [--with <translation file>] [--dialogue id] [--apply] [--json]',
    noFile: 'give the statement file, e.g. dialogue-bot import statement.txt --dialogue mexico-uk',
    tooMany: (extra: string) => `one file at a time (also got: ${extra})`,
    unreadable: (file: string, why: string) => `cannot read “${file}”: ${why}`,
    notText: (file: string) => `“${file}” is not plain text (export the statement as .txt).`,
    applyNeedsDialogue: '--apply needs --dialogue <id>: which dialogue should it be recorded in?',
    unknownDialogue: (id: string, have: string) => `--dialogue: no dialogue “${id}” (have: ${have})`,
    badUser: (user: string) => `--user: not a Slack user ID: “${user}”`,
  },
};

export type ImportMessages = typeof en;

export const es: ImportMessages = {
  header: (title) => (title ? `Declaración conjunta · ${title}` : 'Declaración conjunta'),
  labels: {
    parties: 'Partes',
    date: 'Fecha de la reunión',
    place: 'Lugar',
    edition: 'Edición',
    published: 'Publicada',
    none: 'no se indica',
  },
  delegatesHeader: (n) => `Delegados (${n})`,
  delegate: (name, title, side, lead) =>
    `${name}${title ? ` — ${title}` : ''} (${side}${lead ? ', jefe de delegación' : ''})`,
  sideUnknown: 'parte no clara',
  commitmentsHeader: (n) => `Compromisos (${n})`,
  commitment: (paragraph, text) => `${paragraph ? `¶${paragraph}: ` : ''}${text}`,
  plannedCommitment: (id, isNew, text) => `${id} · ${isNew ? 'nuevo' : 'ya registrado'} · ${text}`,
  noCommitments: 'No se encontraron compromisos.',
  foreignText: (text, lang) => `${text} (${lang === 'es' ? 'en español' : 'en inglés'})`,
  noDelegates: 'No se encontraron delegados.',
  next: (host, year, text) =>
    `Próxima reunión: ${[host, year].filter((x) => x !== null).join(', ') || 'sede y año no indicados'} — “${text}”`,
  noNext: 'Próxima reunión: no se menciona.',
  readOnly: 'Solo lectura. Agregue --dialogue <id> para ver qué registraría allí.',
  plan: {
    header: (dialogue) => `Lo que registraría en ${dialogue}`,
    hold: (n, date, host, city) => `Ronda ${n}: celebrada el ${date}, con sede en ${host}${city ? ` (${city})` : ''}.`,
    alreadyHeld: (n, date) => `Ronda ${n}: ya registrada como celebrada el ${date}.`,
    delegates: (n, edition) => `${n} delegados para la ronda ${edition}.`,
    delegatesKept: (edition) => `Delegados de la ronda ${edition}: ya registrados (se conservan).`,
    newCommitments: (ids) => `Compromisos nuevos: ${ids}.`,
    noNewCommitments: 'Ningún compromiso nuevo.',
    nextRecord: (n, host, year) => `Ronda ${n}: prevista en ${host} en ${year}.`,
    nextUpdate: (n, host, year) => `Ronda ${n}: la previsión cambia ${withPreposition('a', host)} en ${year}.`,
    nextUnchanged: (n, host, year) => `Ronda ${n}: ya prevista (${host}, ${year}).`,
    upcoming: (n, host, year) => `Después, la próxima ronda es la ronda ${n}: ${host}, ${year}.`,
    noop: 'Esta declaración ya se importó: no cambiaría nada.',
    applyHint: 'Aún no se registró nada: vuelva a ejecutarlo con --apply para registrarlo.',
  },
  applied: {
    done: (n, date) => `Declaración registrada: ronda ${n} celebrada el ${date}.`,
    noop: 'Esta declaración ya se había importado: no cambió nada.',
    by: 'por ',
  },
  problems: {
    'translation.same_language': (p) =>
      `Los dos textos están en ${p.lang === 'es' ? 'español' : 'inglés'}: indique la versión en el otro idioma con --with (o en el campo de la traducción).`,
    'translation.other_meeting': (p) =>
      `Los dos textos no son la misma declaración: uno fecha la reunión el ${p.date} y el otro el ${p.other}.`,
    'statement.empty': (p) =>
      `La declaración está vacía (o supera los ${p.max} caracteres): pegue el texto plano de la declaración conjunta.`,
    'statement.no_date': () =>
      'No se encontró la fecha de la reunión: la declaración debe decir cuándo se celebró la ronda (p. ej., “On 16 January 2024, …”). No se registró nada.',
    'statement.date_in_future': (p) =>
      `La fecha de la reunión, ${p.date}, es futura: una ronda solo se registra como celebrada cuando ya tuvo lugar.`,
    'statement.parties_mismatch': (p) =>
      `Las partes de la declaración (${p.parties}) no son las de ${p.dialogue} (${p.expected}): elija el diálogo correcto.`,
    'statement.edition_ahead': (p) =>
      `La declaración registra la ronda ${p.edition}, pero la próxima ronda abierta es la ${p.open}: registre antes las rondas intermedias.`,
    'round.held_on_other_date': (p) =>
      `La ronda ${p.edition} ya está registrada como celebrada el ${p.recorded}, no el ${p.date}: revise la declaración o corrija antes la ronda.`,
    'round.cancelled': (p) =>
      `La ronda ${p.edition} está registrada como cancelada; no puede registrarse como celebrada.`,
    'commitment.conflict': (p) =>
      `El compromiso ${p.id} ya está registrado con otras palabras: no se cambió nada (edítelo con /commitments).`,
  },
  notes: {
    'delegate.side_unknown': (p) => `${p.name}: parte no clara, no se registra.`,
    'next.not_recorded': (p) => `La sede de la próxima reunión (${p.host}) no es parte de este diálogo.`,
    'round.host_from_place': (p) => `Sede: ${p.host}, pues se reunieron en ${p.place}.`,
  },
  nothingRecorded: 'No se registró nada.',
  command: {
    local:
      '/dialogue import lee una declaración conjunta y registra la ronda, los delegados, los compromisos y la próxima ronda. En la terminal ejecute: dialogue-bot import <archivo> --dialogue <id> --apply (sin --apply solo muestra lo que registraría). En Slack, /dialogue import abre un formulario para pegar el texto.',
  },
  cli: {
    usage: 'Uso: dialogue-bot import <archivo> [--with <archivo de la traducción>] [--dialogue id] [--apply] [--json]',
    noFile: 'indique el archivo de la declaración, p. ej. dialogue-bot import declaracion.txt --dialogue mexico-uk',
    tooMany: (extra) => `un archivo cada vez (también recibí: ${extra})`,
    unreadable: (file, why) => `no se puede leer “${file}”: ${why}`,
    notText: (file) => `“${file}” no es texto plano (exporte la declaración como .txt).`,
    applyNeedsDialogue: '--apply necesita --dialogue <id>: ¿en qué diálogo debe registrarse?',
    unknownDialogue: (id, have) => `--dialogue: no existe el diálogo “${id}” (hay: ${have})`,
    badUser: (user) => `--user: no es un ID de usuario de Slack: “${user}”`,
  },
};
