import type { CommitmentStatus } from '../../domain/commitments.js';
import type { RoundState } from '../../domain/cycle.js';
import type { ChangeTarget, DomainErrorCode, FieldValue, DomainErrorParams as P } from '../../domain/errors.js';
import type { Lang } from '../../domain/types.js';
import { type Inline, type Rich, rich } from '../../presentation/reply.js';
import { capitalise, formatDate, withPreposition } from '../format.js';
import { en as slackEn, es as slackEs } from './slack.js';
import { TERMS } from './terms.js';

const STATE = {
  en: { expected: 'expected', scheduled: 'scheduled', held: 'held', postponed: 'postponed', cancelled: 'cancelled' },
  es: {
    expected: 'prevista',
    scheduled: 'programada',
    held: 'celebrada',
    postponed: 'aplazada',
    cancelled: 'cancelada',
  },
} satisfies Record<Lang, Record<RoundState, string>>;

const STATUS = {
  en: { 'not-started': 'not started', 'in-progress': 'in progress', done: 'done', dropped: 'dropped' },
  es: { 'not-started': 'sin iniciar', 'in-progress': 'en curso', done: 'cumplido', dropped: 'descartado' },
} satisfies Record<Lang, Record<CommitmentStatus, string>>;

const COMMITMENT_FIELDS = {
  en: { status: 'status', due_date: 'due date', owner: (side: string) => `owner (${side})` },
  es: { status: 'estado', due_date: 'fecha límite', owner: (side: string) => `responsable (${side})` },
};

/**
 * How an error names what a change touched and set: fields by their names,
 * statuses and states in words, dates written out, owners as @mentions —
 * never the change log's codes (`due_date`, `in-progress`, `owner:mx`).
 */
const CHANGE_WORDS = {
  en: {
    fields: { ...slackEn.brief.roundFields, reason: 'reason' } as Readonly<Record<string, string>>,
    actions: {
      status: 'status',
      assign: 'owner',
      due: 'due date',
      note: 'a note',
      created: 'added',
      schedule: 'scheduled',
      held: 'recorded as held',
      postpone: 'postponed',
      cancel: 'cancelled',
      undo: 'an undo',
      'page-reset': 'address reset',
      'page-share': 'made',
      'page-revoke': 'revoked',
    } as Readonly<Record<string, string>>,
    round: (n: number) => `round ${n}`,
    viewer: (label: string) => `the viewer address “${label}”`,
    privatePage: (user: string) => rich('the private page of ', { user }),
  },
  es: {
    fields: { ...slackEs.brief.roundFields, reason: 'motivo' } as Readonly<Record<string, string>>,
    actions: {
      status: 'estado',
      assign: 'responsable',
      due: 'fecha límite',
      note: 'una nota',
      created: 'alta',
      schedule: 'programación',
      held: 'registro como celebrada',
      postpone: 'aplazamiento',
      cancel: 'cancelación',
      undo: 'una reversión',
      'page-reset': 'dirección restablecida',
      'page-share': 'creada',
      'page-revoke': 'revocada',
    } as Readonly<Record<string, string>>,
    round: (n: number) => `la ronda ${n}`,
    viewer: (label: string) => `la dirección de consulta “${label}”`,
    privatePage: (user: string) => rich('la página privada de ', { user }),
  },
};

/** A field of the change log by its name in `lang`. */
function fieldName(field: string, lang: Lang): string {
  if (field.startsWith('owner:')) return COMMITMENT_FIELDS[lang].owner(field.slice(6));
  if (field === 'status' || field === 'due_date') return COMMITMENT_FIELDS[lang][field];
  return Object.hasOwn(CHANGE_WORDS[lang].fields, field) ? CHANGE_WORDS[lang].fields[field]! : field;
}

/** A field's value in words: a status or state as people say it, a date written out, an owner as a mention. */
function fieldValue({ field, value }: FieldValue, lang: Lang): Inline {
  if (value === null || value === '') return '—';
  if (field === 'status' && Object.hasOwn(STATUS[lang], value)) return STATUS[lang][value as CommitmentStatus];
  if (field === 'state' && Object.hasOwn(STATE[lang], value)) return STATE[lang][value as RoundState];
  if (field.startsWith('owner:')) return { user: value };
  if ((field === 'date' || field === 'due_date') && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  return value;
}

/** What a change touched: `round 3`, `R1-4`, `the viewer address “press”`. */
function targetName(target: ChangeTarget, lang: Lang): Rich {
  const w = CHANGE_WORDS[lang];
  if ('round' in target) return w.round(target.round);
  if ('commitment' in target) return target.commitment;
  const [kind, rest = ''] = target.page.split(/:(.*)/s);
  return kind === 'viewer' ? w.viewer(rest) : kind === 'private' ? w.privatePage(rest) : target.page;
}

/** What a change did: the fields it set by name, else its action in words. */
function changeWhat(fields: readonly string[], action: string, lang: Lang): string {
  if (fields.length > 0) return fields.map((f) => fieldName(f, lang)).join(', ');
  const actions = CHANGE_WORDS[lang].actions;
  return Object.hasOwn(actions, action) ? actions[action]! : action;
}

/** The fields as they are now: `status: in progress, due date: 14 May 2025`. */
function fieldsNow(fields: readonly FieldValue[], lang: Lang): Rich {
  return fields.length === 0
    ? '—'
    : fields.flatMap((f, i) => rich(`${i > 0 ? ', ' : ''}${fieldName(f.field, lang)}: `, fieldValue(f, lang)));
}

/**
 * A field's change, `status: done → not started` (the same in both
 * languages): plain text from plain values, inline parts when a value is a
 * mention (`owner (Mexico): <@U1> → —`).
 */
function fieldChange(field: string, from: string, to: string): string;
function fieldChange(field: string, from: Inline, to: Inline): Inline[];
function fieldChange(field: string, from: Inline, to: Inline): Rich {
  return typeof from === 'string' && typeof to === 'string'
    ? `${field}: ${from} → ${to}`
    : rich(`${field}: `, from, ' → ', to);
}

/** One message per domain error code, taking exactly that code's parameters (a person in it as a mention). */
export type DomainErrorTexts = { readonly [C in DomainErrorCode]: (params: P[C]) => Rich };

/** Strings for the cycle, commitments, errors and help. `es` must have exactly these keys (checked by tsc). */
export const en = {
  state: STATE.en,
  status: STATUS.en,
  round: (n: number) => `Round ${n}`,
  next: {
    header: (n: number, dialogue: string) => `Next: round ${n} · ${dialogue}`,
    expected: (host: string, year: number) => `Expected in ${host} in ${year} — ${TERMS.en.dateNotFixed}.`,
    projected: (host: string, year: number) =>
      `Projected: ${host} would host it in ${year} (nothing recorded yet; hosting alternates).`,
    scheduled: (when: string) => `Scheduled for ${when}.`,
    inCity: (city: string) => `Venue: ${city}.`,
    countdown: (days: number) =>
      days === 0 ? 'That is today.' : days === 1 ? 'That is tomorrow.' : `In ${days} days.`,
    awaitingOutcome: (date: string) =>
      `Its date (${date}) has passed: record the outcome with /dialogue held, or re-schedule it.`,
    postponed: (was: string | null) =>
      was ? `Postponed (was ${was}); no new date yet.` : 'Postponed; no new date yet.',
    reason: (reason: string) => `Reason: ${reason}`,
    overdue: (year: number, n: number) =>
      `Overdue: ${year} has passed and round ${n} has not been recorded. Record it with /dialogue held YYYY-MM-DD, or fix a date with /dialogue schedule YYYY-MM-DD.`,
    lastHeld: (n: number, date: string, host: string) => `Last round: round ${n}, held ${date}, hosted by ${host}.`,
    noneHeld: 'No round has been held yet.',
  },
  cycle: {
    header: (dialogue: string) => `Cycle · ${dialogue}`,
    /** The same term as `dateNotFixed` at the top: one term everywhere. */
    dateNotFixed: TERMS.en.dateNotFixed,
    projected: 'projected',
    overdue: 'overdue',
    awaitingOutcome: 'outcome not recorded',
    hostInferred: 'host inferred',
    heldOn: (date: string) => `held ${date}`,
    scheduledFor: (when: string) => `scheduled ${when}`,
    entry: (n: number, year: number, host: string, detail: string) => `Round ${n} · ${year} · ${host} · ${detail}`,
    footer: (years: number) =>
      years === 1
        ? 'Annual; the host alternates. Projected rounds are not recorded yet.'
        : `Every ${years} years; the host alternates.`,
  },
  commitments: {
    header: (count: number, filter: string) => `Commitments · ${filter} (${count})`,
    filter: {
      open: 'open',
      done: 'done',
      all: 'all',
      theme: (t: string) => `theme “${t}”`,
      owner: (u: string) => `owned by @${u}`,
    },
    line: (id: string, paragraph: string | null, status: string, title: string) =>
      `${id}${paragraph ? ` (¶${paragraph})` : ''} · ${status} · ${title}`,
    none: 'No commitments match.',
    themes: (list: string) => `Themes: ${list}`,
    labels: {
      status: 'Status',
      paragraph: 'Paragraph',
      round: 'Agreed at',
      theme: 'Theme',
      owners: 'Owners',
      due: 'Due',
      source: 'Source',
      notes: 'Latest notes',
      text: 'In the statement’s words',
      handText: 'As added',
    },
    addedBy: 'Added by ',
    fromSentence: (sentence: string) => `From the sentence: “${sentence}”`,
    paragraphOf: (p: string) => `¶${p}`,
    roundN: (n: number) => `round ${n}`,
    addedByHand: 'added between rounds',
    nobody: 'nobody yet',
    noDue: 'no due date',
    noNotes: 'no notes yet',
    earlierNotes: (n: number, command: string) =>
      `${n === 1 ? '1 earlier note is' : `${n} earlier notes are`} not shown here: ${command} shows every note and change.`,
    clippedHint: 'Long texts are shortened here (…): /commitments show <ID> gives the whole text.',
    showHint: (id: string) =>
      `Change it: /commitments update ${id} <status> [note] · history: /commitments history ${id}`,
  },
  change: {
    scheduled: (n: number, when: string) => `Round ${n} scheduled for ${when}.`,
    rescheduled: (n: number, when: string, was: string) => `Round ${n} moved to ${when} (was ${was}).`,
    held: (n: number, date: string) => `Round ${n} recorded as held on ${date}.`,
    postponed: (n: number) => `Round ${n} postponed.`,
    cancelled: (n: number) => `Round ${n} cancelled.`,
    status: (id: string, from: string, to: string) => `${id}: ${from} → ${to}.`,
    assigned: (id: string, side: string) => `${id}: owner for ${side} set to `,
    due: (id: string, date: string) => `${id}: due ${date}.`,
    note: (id: string) => `${id}: note added.`,
    added: (id: string) => `Commitment ${id} added.`,
    by: 'by ',
    nextUp: (n: number, host: string, year: number) => `Next: round ${n}, ${host}, ${year}.`,
    endsAt: (end: string) => `Ends at ${end}.`,
    defaultEnd: (start: string, end: string, minutes: number) =>
      `No end time given: calendars show it as ${start}–${end} (${minutes === 60 ? 'one hour' : `${minutes} minutes`}); to set one: /dialogue schedule YYYY-MM-DD ${start}-HH:MM.`,
  },
  history: {
    header: (id: string) => `History of ${id}`,
    seeded: 'recorded from configuration',
    created: 'created',
    change: fieldChange,
    note: (text: string) => `note: “${text}”`,
    none: 'No changes recorded yet.',
    fields: COMMITMENT_FIELDS.en,
  },
  lang: {
    set: 'I will answer you in English from now on.',
    current: (lang: string) => `Your language: ${lang}. Change it with /dialogue lang en|es.`,
  },
  errors: {
    'round.already_held': (p: P['round.already_held']) =>
      `Round ${p.edition} has already been held; it cannot be changed.`,
    'round.cancelled': (p: P['round.cancelled']) => `Round ${p.edition} was cancelled.`,
    'round.held_needs_date': () => 'A held round needs a date: /dialogue held YYYY-MM-DD.',
    'round.held_in_future': (p: P['round.held_in_future']) =>
      `${p.date} is in the future: a round can only be recorded as held once it has happened. Use /dialogue schedule for a coming date.`,
    'date.in_past': (p: P['date.in_past']) => `${p.date} is in the past. Give a date from today on.`,
    'round.already_postponed': (p: P['round.already_postponed']) => `Round ${p.edition} is already postponed.`,
    'round.already_cancelled': (p: P['round.already_cancelled']) => `Round ${p.edition} is already cancelled.`,
    'commitment.not_found': (p: P['commitment.not_found']) =>
      `There is no commitment “${p.id}”. See the IDs with /commitments list all.`,
    'commitment.same_status': (p: P['commitment.same_status']) =>
      `${p.id} is already ${STATUS.en[p.status]}; nothing changed.`,
    'commitment.empty_text': () => 'The text is empty.',
    'commitment.unknown_party': (p: P['commitment.unknown_party']) =>
      `“${p.side}” is not a side of this dialogue (try ${p.sides.split('|').join(' or ')}).`,
    'commitment.side_required': (p: P['commitment.side_required']) =>
      `Both sides of ${p.id} have (or lack) an owner: say which side, e.g. /commitments assign ${p.id} @ana ${p.example}`,
    'dialogue.not_found': (p: P['dialogue.not_found']) => `There is no dialogue “${p.id}”.`,
    'dialogue.ambiguous': (p: P['dialogue.ambiguous']) =>
      `Several dialogues are configured (${p.ids}): add --dialogue <id>.`,
    'auth.not_editor': () =>
      'Sorry — only the dialogue’s editors can change its data. Ask an editor, or ask an administrator to make you an editor.',
    'input.control_chars': () =>
      'Your text contains control characters (such as NUL), which cannot be stored. Remove them and try again.',
    'round.held_before_last': (p: P['round.held_before_last']) =>
      `${p.date} is before the last round held (round ${p.edition}, on ${p.last}): a round cannot be recorded as held before it. Check the date.`,
    'round.only_projected': (p: P['round.only_projected']) =>
      `Round ${p.edition} (${p.year}) is only projected, not recorded: there is nothing to postpone or cancel. Fix a date with /dialogue schedule YYYY-MM-DD first.`,
    'date.too_far': (p: P['date.too_far']) => `${p.date} is more than ${p.years} years ahead. Check the date.`,
    'change.collided': (p: P['change.collided']) =>
      rich(
        { user: p.actor },
        ' changed ',
        targetName(p.target, 'en'),
        ` (${changeWhat(
          p.fields.map((f) => f.field),
          p.action,
          'en',
        )}) just now, so yours was not applied. It is now: `,
        fieldsNow(p.fields, 'en'),
        '. Check it and try again.',
      ),
    'undo.nothing': () => 'You have no change of the last 24 hours to undo here.',
    'undo.not_found': (p: P['undo.not_found']) => `There is no change #${p.id} to undo.`,
    'undo.not_author': (p: P['undo.not_author']) =>
      rich(`Change #${p.id} was made by `, { user: p.actor }, ': only they can undo it.'),
    'undo.too_old': (p: P['undo.too_old']) =>
      `Change #${p.id} is more than 24 hours old: change it back with a new command instead.`,
    'undo.already': (p: P['undo.already']) => `Change #${p.id} was already undone; nothing changed.`,
    'undo.depends': (p: P['undo.depends']) =>
      rich(
        `Change #${p.id} cannot be undone: change #${p.later} by `,
        { user: p.actor },
        ' (',
        targetName(p.target, 'en'),
        `: ${changeWhat(p.fields, p.action, 'en')}) was made after it and builds on it. Undo that one first.`,
      ),
    'undo.changed_since': (p: P['undo.changed_since']) =>
      rich(
        `Change #${p.id} cannot be undone: `,
        targetName(p.target, 'en'),
        `${p.field ? ` (${fieldName(p.field, 'en')})` : ''} has been changed since (outside the change log, e.g. by an import).`,
      ),
    'page.already_revoked': (p: P['page.already_revoked']) =>
      rich(
        capitalise(CHANGE_WORDS.en.viewer(p.label)),
        ' was already revoked',
        p.actor ? rich(' by ', { user: p.actor }) : '',
        `${p.change === null ? '' : ` (change #${p.change})`}, so there was nothing left to revoke; nothing changed.`,
      ),
    internal: 'Something went wrong on our side; nothing was changed. Please try again.',
  } satisfies DomainErrorTexts & { readonly internal: string },
  usage: {
    unknownVerb: (command: string, verb: string) => `“${verb}” is not a ${command} command.`,
    seeHelp: (command: string) => `Type ${command} help for the list.`,
    badDate: (text: string) => `“${text}” is not a date: use YYYY-MM-DD (e.g. 2025-05-14).`,
    badTime: (text: string) => `“${text}” is not a time: use HH:MM, 24-hour (e.g. 10:00).`,
    endBeforeStart: (start: string, end: string) => `The end (${end}) must be after the start (${start}).`,
    badStatus: (text: string) => `“${text}” is not a status: use not-started, in-progress, done or dropped.`,
    badUser: (text: string) => `“${text}” is not a Slack user: mention them with @.`,
    badFilter: (text: string, themes: string) =>
      `“${text}” is not a filter: use open, done, all, @user or a theme (${themes}).`,
    badLang: (text: string) => `“${text}” is not a language: use en or es.`,
    tooLong: (max: number) => `That text is too long (at most ${max} characters).`,
    dialogueFlag: 'Usage: --dialogue <id>',
    dialogue: {
      schedule: 'Usage: /dialogue schedule YYYY-MM-DD [HH:MM[-HH:MM]] [city…]',
      held: 'Usage: /dialogue held YYYY-MM-DD',
      lang: 'Usage: /dialogue lang en|es',
    },
    commitments: {
      show: 'Usage: /commitments show <ID>',
      update: 'Usage: /commitments update <ID> not-started|in-progress|done|dropped [note…]',
      assign: 'Usage: /commitments assign <ID> @user [<side>]',
      due: 'Usage: /commitments due <ID> YYYY-MM-DD',
      note: 'Usage: /commitments note <ID> <text…>',
      add: 'Usage: /commitments add <text…>',
      history: 'Usage: /commitments history <ID>',
      list: 'Usage: /commitments list [open|done|all|<theme>|@user]',
    },
  },
  /** The one term for a round whose date is not fixed: chat, calendar feeds, App Home and reminders all use it. */
  dateNotFixed: TERMS.en.dateNotFixed,
  paging: {
    status: (page: number, pages: number, first: number, last: number, total: number) =>
      `Page ${page} of ${pages} · ${first}–${last} of ${total}`,
    nextHint: (command: string, left: number) => `${left} more: ${command}`,
    next: 'Next ▸',
    previous: '◂ Previous',
    badPage: (word: string) => `“${word}” is not a page number: use page 1, page 2…`,
    beyond: (page: number, pages: number) =>
      pages === 1
        ? `There is only one page (asked for page ${page}).`
        : `There are ${pages} pages (asked for page ${page}).`,
  },
  help: {
    dialogue: {
      header: '/dialogue — the dialogue cycle',
      lines: [
        '/dialogue next — the next round: host, date or year, countdown',
        '/dialogue cycle — every round: held, scheduled, expected and projected',
        '/dialogue schedule YYYY-MM-DD [HH:MM[-HH:MM]] [city…] — fix the next round’s date, start and end (editors)',
        '/dialogue held YYYY-MM-DD — record that the round took place (editors)',
        '/dialogue postpone [reason] · /dialogue cancel [reason] — (editors)',
        '/dialogue brief — pre-dialogue brief: every commitment since the last round',
        '/dialogue export [csv|md] — commitments, rounds and history as files, sent to you',
        '/dialogue subscribe [mine] — your private calendar feed, the same address every time (mine: only your commitments) · subscribe reset — a new address',
        '/dialogue unsubscribe [all|mine] — shows which feed would stop; add confirm to stop it (undo within 24 hours: the same address works again)',
        '/dialogue page — your private web page of the dialogue (timeline, charts, printable) · /dialogue page share <label> [--with-notes] — a viewer address for people outside Slack (editors) · /dialogue page links · /dialogue page revoke <label> · /dialogue page reset',
        '/dialogue reminders [days] [page N] — what reminders are coming, a page at a time',
        '/dialogue remind-here — post reminders in this channel (editors)',
        '/dialogue import — read a joint statement and record the round it reports (editors)',
        '/dialogue undo — reverse your last change to the cycle (within 24 hours)',
        '/dialogue lang en|es — the language I answer you in',
      ],
    },
    commitments: {
      header: '/commitments — what the two governments agreed to do',
      lines: [
        '/commitments list [open|done|all|<theme>|@user] [page N] — the list, a page at a time (default: all)',
        '/commitments show <ID> — full text, owners, due date, notes',
        '/commitments update <ID> <not-started|in-progress|done|dropped> [note…] — (editors)',
        '/commitments assign <ID> @user [<side>] — owner on one side (editors)',
        '/commitments due <ID> YYYY-MM-DD · note <ID> <text…> · add <text…> — (editors)',
        '/commitments history <ID> — who changed what, and when',
        '/commitments undo — reverse your last change to a commitment (within 24 hours)',
      ],
    },
    footer: 'With more than one dialogue, add --dialogue <id>.',
  },
};

export type CoreMessages = typeof en;

export const es: CoreMessages = {
  state: STATE.es,
  status: STATUS.es,
  round: (n) => `Ronda ${n}`,
  next: {
    header: (n, dialogue) => `Próxima: ronda ${n} · ${dialogue}`,
    expected: (host, year) => `Prevista en ${host} en ${year}; ${TERMS.es.dateNotFixed}.`,
    projected: (host, year) =>
      `Proyectada: le tocaría ${withPreposition('a', host)} en ${year} (aún no registrada; la sede se alterna).`,
    scheduled: (when) => `Programada para el ${when}.`,
    inCity: (city) => `Sede: ${city}.`,
    countdown: (days) => (days === 0 ? 'Es hoy.' : days === 1 ? 'Es mañana.' : `Faltan ${days} días.`),
    awaitingOutcome: (date) =>
      `Su fecha (${date}) ya pasó: registre el resultado con /dialogue held o vuelva a programarla.`,
    postponed: (was) => (was ? `Aplazada (era el ${was}); sin nueva fecha.` : 'Aplazada; sin nueva fecha.'),
    reason: (reason) => `Motivo: ${reason}`,
    overdue: (year, n) =>
      `Atrasada: ${year} ya pasó y la ronda ${n} no se ha registrado. Regístrela con /dialogue held AAAA-MM-DD o fije una fecha con /dialogue schedule AAAA-MM-DD.`,
    lastHeld: (n, date, host) => `Última ronda: ronda ${n}, celebrada el ${date}, con sede en ${host}.`,
    noneHeld: 'Todavía no se ha celebrado ninguna ronda.',
  },
  cycle: {
    header: (dialogue) => `Ciclo · ${dialogue}`,
    dateNotFixed: TERMS.es.dateNotFixed,
    projected: 'proyectada',
    overdue: 'atrasada',
    awaitingOutcome: 'resultado sin registrar',
    hostInferred: 'sede inferida',
    heldOn: (date) => `celebrada el ${date}`,
    scheduledFor: (when) => `programada para el ${when}`,
    entry: (n, year, host, detail) => `Ronda ${n} · ${year} · ${host} · ${detail}`,
    footer: (years) =>
      years === 1
        ? 'Anual; la sede se alterna. Las rondas proyectadas aún no están registradas.'
        : `Cada ${years} años; la sede se alterna.`,
  },
  commitments: {
    header: (count, filter) => `Compromisos · ${filter} (${count})`,
    filter: {
      open: 'abiertos',
      done: 'cumplidos',
      all: 'todos',
      theme: (t) => `tema “${t}”`,
      owner: (u) => `a cargo de @${u}`,
    },
    line: (id, paragraph, status, title) => `${id}${paragraph ? ` (¶${paragraph})` : ''} · ${status} · ${title}`,
    none: 'Ningún compromiso coincide.',
    themes: (list) => `Temas: ${list}`,
    labels: {
      status: 'Estado',
      paragraph: 'Párrafo',
      round: 'Acordado en',
      theme: 'Tema',
      owners: 'Responsables',
      due: 'Vence',
      source: 'Fuente',
      notes: 'Últimas notas',
      text: 'En palabras de la declaración',
      handText: 'Tal como se agregó',
    },
    addedBy: 'Agregado por ',
    fromSentence: (sentence) => `De la oración: “${sentence}”`,
    paragraphOf: (p) => `¶${p}`,
    roundN: (n) => `la ronda ${n}`,
    addedByHand: 'agregado entre rondas',
    nobody: 'nadie aún',
    noDue: 'sin fecha límite',
    noNotes: 'sin notas',
    earlierNotes: (n, command) =>
      `${n === 1 ? 'Hay 1 nota anterior que no se muestra' : `Hay ${n} notas anteriores que no se muestran`} aquí: ${command} presenta todas las notas y todos los cambios.`,
    clippedHint: 'Los textos largos se acortan aquí (…): /commitments show <ID> muestra el texto completo.',
    showHint: (id) => `Cámbielo: /commitments update ${id} <estado> [nota] · historial: /commitments history ${id}`,
  },
  change: {
    scheduled: (n, when) => `Ronda ${n} programada para el ${when}.`,
    rescheduled: (n, when, was) => `Ronda ${n} movida al ${when} (era el ${was}).`,
    held: (n, date) => `Ronda ${n} registrada como celebrada el ${date}.`,
    postponed: (n) => `Ronda ${n} aplazada.`,
    cancelled: (n) => `Ronda ${n} cancelada.`,
    status: (id, from, to) => `${id}: ${from} → ${to}.`,
    assigned: (id, side) => `${id}: responsable por ${side}: `,
    due: (id, date) => `${id}: vence el ${date}.`,
    note: (id) => `${id}: nota agregada.`,
    added: (id) => `Compromiso ${id} agregado.`,
    by: 'por ',
    nextUp: (n, host, year) => `Próxima: ronda ${n}, ${host}, ${year}.`,
    endsAt: (end) => `Termina a las ${end}.`,
    defaultEnd: (start, end, minutes) =>
      `Sin hora de término: los calendarios la muestran de ${start} a ${end} (${minutes === 60 ? 'una hora' : `${minutes} minutos`}); para fijarla: /dialogue schedule AAAA-MM-DD ${start}-HH:MM.`,
  },
  history: {
    header: (id) => `Historial de ${id}`,
    seeded: 'registrado desde la configuración',
    created: 'creado',
    change: fieldChange,
    note: (text) => `nota: “${text}”`,
    none: 'Aún no hay cambios registrados.',
    fields: COMMITMENT_FIELDS.es,
  },
  lang: {
    set: 'A partir de ahora le responderé en español.',
    current: (lang) => `Su idioma: ${lang}. Cámbielo con /dialogue lang en|es.`,
  },
  errors: {
    'round.already_held': (p) => `La ronda ${p.edition} ya se celebró; no se puede cambiar.`,
    'round.cancelled': (p) => `La ronda ${p.edition} fue cancelada.`,
    'round.held_needs_date': () => 'Una ronda celebrada necesita fecha: /dialogue held AAAA-MM-DD.',
    'round.held_in_future': (p) =>
      `${p.date} es una fecha futura: una ronda solo se registra como celebrada cuando ya ocurrió. Use /dialogue schedule para una fecha próxima.`,
    'date.in_past': (p) => `${p.date} ya pasó. Indique una fecha a partir de hoy.`,
    'round.already_postponed': (p) => `La ronda ${p.edition} ya está aplazada.`,
    'round.already_cancelled': (p) => `La ronda ${p.edition} ya está cancelada.`,
    'commitment.not_found': (p) => `No existe el compromiso “${p.id}”. Vea los ID con /commitments list all.`,
    'commitment.same_status': (p) => `${p.id} ya está ${STATUS.es[p.status]}; no cambió nada.`,
    'commitment.empty_text': () => 'El texto está vacío.',
    'commitment.unknown_party': (p) =>
      `“${p.side}” no es una de las partes de este diálogo (pruebe ${p.sides.split('|').join(' o ')}).`,
    'commitment.side_required': (p) =>
      `Ambas partes de ${p.id} tienen (o no tienen) responsable: indique cuál, p. ej. /commitments assign ${p.id} @ana ${p.example}`,
    'dialogue.not_found': (p) => `No existe el diálogo “${p.id}”.`,
    'dialogue.ambiguous': (p) => `Hay varios diálogos configurados (${p.ids}): agregue --dialogue <id>.`,
    'auth.not_editor': () =>
      'Lo sentimos: solo los editores del diálogo pueden cambiar sus datos. Pídaselo a un editor, o solicite a un administrador que lo registre como editor.',
    'input.control_chars': () =>
      'Su texto contiene caracteres de control (como NUL), que no se pueden guardar. Quítelos e inténtelo de nuevo.',
    'round.held_before_last': (p) =>
      `${p.date} es anterior a la última ronda celebrada (ronda ${p.edition}, el ${p.last}): no se puede registrar una ronda celebrada antes. Revise la fecha.`,
    'round.only_projected': (p) =>
      `La ronda ${p.edition} (${p.year}) solo está proyectada, no registrada: no hay nada que aplazar ni cancelar. Fije primero una fecha con /dialogue schedule AAAA-MM-DD.`,
    'date.too_far': (p) => `${p.date} está a más de ${p.years} años. Revise la fecha.`,
    'change.collided': (p) =>
      rich(
        { user: p.actor },
        ' acaba de cambiar ',
        targetName(p.target, 'es'),
        ` (${changeWhat(
          p.fields.map((f) => f.field),
          p.action,
          'es',
        )}), así que su cambio no se aplicó. Ahora está así: `,
        fieldsNow(p.fields, 'es'),
        '. Revíselo e inténtelo de nuevo.',
      ),
    'undo.nothing': () => 'No tiene ningún cambio de las últimas 24 horas que deshacer aquí.',
    'undo.not_found': (p) => `No existe el cambio n.º ${p.id}.`,
    'undo.not_author': (p) =>
      rich(`El cambio n.º ${p.id} lo hizo `, { user: p.actor }, ': solo esa persona puede deshacerlo.'),
    'undo.too_old': (p) => `El cambio n.º ${p.id} tiene más de 24 horas: reviértalo con un comando nuevo.`,
    'undo.already': (p) => `El cambio n.º ${p.id} ya se deshizo; no cambió nada.`,
    'undo.depends': (p) =>
      rich(
        `El cambio n.º ${p.id} no se puede deshacer: después se hizo el cambio n.º ${p.later} de `,
        { user: p.actor },
        ' (',
        targetName(p.target, 'es'),
        `: ${changeWhat(p.fields, p.action, 'es')}), que depende de él. Deshaga primero ese.`,
      ),
    'undo.changed_since': (p) =>
      rich(
        `El cambio n.º ${p.id} no se puede deshacer: `,
        targetName(p.target, 'es'),
        `${p.field ? ` (${fieldName(p.field, 'es')})` : ''} cambió desde entonces (fuera del registro de cambios, p. ej. por una importación).`,
      ),
    'page.already_revoked': (p) => {
      const change = p.change === null ? '' : ` (cambio n.º ${p.change})`;
      const link = CHANGE_WORDS.es.viewer(p.label);
      const why = p.actor
        ? rich({ user: p.actor }, ` ya revocó ${link}${change}`)
        : `${capitalise(link)} ya estaba revocada${change}`;
      return rich(why, ', por lo que no quedaba nada que revocar; no cambió nada.');
    },
    internal: 'Algo falló de nuestro lado; no se cambió nada. Inténtelo de nuevo.',
  },
  usage: {
    unknownVerb: (command, verb) => `“${verb}” no es un comando de ${command}.`,
    seeHelp: (command) => `Escriba ${command} help para ver la lista.`,
    badDate: (text) => `“${text}” no es una fecha: use AAAA-MM-DD (p. ej. 2025-05-14).`,
    badTime: (text) => `“${text}” no es una hora: use HH:MM, de 24 horas (p. ej. 10:00).`,
    endBeforeStart: (start, end) => `La hora de término (${end}) debe ser posterior a la de inicio (${start}).`,
    badStatus: (text) => `“${text}” no es un estado: use no-iniciado, en-curso, cumplido o descartado.`,
    badUser: (text) => `“${text}” no es un usuario de Slack: menciónelo con @.`,
    badFilter: (text, themes) =>
      `“${text}” no es un filtro: use abiertos, cumplidos, todos, @usuario o un tema (${themes}).`,
    badLang: (text) => `“${text}” no es un idioma: use en o es.`,
    tooLong: (max) => `El texto es demasiado largo (máximo ${max} caracteres).`,
    dialogueFlag: 'Uso: --dialogue <id>',
    dialogue: {
      schedule: 'Uso: /dialogue schedule AAAA-MM-DD [HH:MM[-HH:MM]] [ciudad…]',
      held: 'Uso: /dialogue held AAAA-MM-DD',
      lang: 'Uso: /dialogue lang en|es',
    },
    commitments: {
      show: 'Uso: /commitments show <ID>',
      update: 'Uso: /commitments update <ID> no-iniciado|en-curso|cumplido|descartado [nota…]',
      assign: 'Uso: /commitments assign <ID> @usuario [<parte>]',
      due: 'Uso: /commitments due <ID> AAAA-MM-DD',
      note: 'Uso: /commitments note <ID> <texto…>',
      add: 'Uso: /commitments add <texto…>',
      history: 'Uso: /commitments history <ID>',
      list: 'Uso: /commitments list [abiertos|cumplidos|todos|<tema>|@usuario]',
    },
  },
  dateNotFixed: TERMS.es.dateNotFixed,
  paging: {
    status: (page, pages, first, last, total) => `Página ${page} de ${pages} · ${first}–${last} de ${total}`,
    nextHint: (command, left) => `${left} más: ${command}`,
    next: 'Siguiente ▸',
    previous: '◂ Anterior',
    badPage: (word) => `“${word}” no es un número de página: use page 1, page 2…`,
    beyond: (page, pages) =>
      pages === 1 ? `Solo hay una página (pidió la ${page}).` : `Hay ${pages} páginas (pidió la ${page}).`,
  },
  help: {
    dialogue: {
      header: '/dialogue — el ciclo del diálogo',
      lines: [
        '/dialogue siguiente|next — la próxima ronda: sede, fecha o año, cuenta regresiva',
        '/dialogue ciclo|cycle — todas las rondas: celebradas, programadas, previstas y proyectadas',
        '/dialogue programar|schedule AAAA-MM-DD [HH:MM[-HH:MM]] [ciudad…] — fijar la fecha, inicio y término de la próxima ronda (editores)',
        '/dialogue celebrada|held AAAA-MM-DD — registrar que la ronda se celebró (editores)',
        '/dialogue posponer|postpone [motivo] · /dialogue cancelar|cancel [motivo] — (editores)',
        '/dialogue tarjeta|brief — tarjeta informativa: cada compromiso desde la última ronda',
        '/dialogue exportar|export [csv|md] — compromisos, rondas e historial en archivos, enviados a usted',
        '/dialogue suscribir|subscribe [míos|mine] — su calendario privado, siempre la misma dirección (míos: solo sus compromisos) · suscribir restablecer|reset — una dirección nueva',
        '/dialogue desuscribir|unsubscribe [todos|all|míos|mine] — muestra qué calendario se desactivaría; agregue confirmar para desactivarlo (puede deshacerse durante 24 horas: la misma dirección vuelve a funcionar)',
        '/dialogue página|page — su página web privada del diálogo (cronología, gráficas, para imprimir) · /dialogue page share <etiqueta> [--with-notes] — una dirección de consulta para personas fuera de Slack (editores) · /dialogue page links · /dialogue page revoke <etiqueta> · /dialogue page reset',
        '/dialogue recordatorios|reminders [días] [página N] — los próximos recordatorios, página por página',
        '/dialogue recordar-aquí|remind-here — publicar los recordatorios en este canal (editores)',
        '/dialogue importar|import — leer una declaración conjunta y registrar la ronda (editores)',
        '/dialogue deshacer|undo — revertir su último cambio al ciclo (dentro de las 24 horas)',
        '/dialogue idioma|lang en|es — el idioma en que le respondo',
      ],
    },
    commitments: {
      header: '/commitments — lo que los dos gobiernos acordaron hacer',
      lines: [
        '/commitments lista|list [abiertos|cumplidos|todos|<tema>|@usuario] [página N] — la lista, página por página (por defecto: todos)',
        '/commitments mostrar|show <ID> — texto completo, responsables, fecha límite, notas',
        '/commitments actualizar|update <ID> <no-iniciado|en-curso|cumplido|descartado> [nota…] — (editores)',
        '/commitments asignar|assign <ID> @usuario [<parte>] — responsable de una parte (editores)',
        '/commitments plazo|due <ID> AAAA-MM-DD · nota|note <ID> <texto…> · agregar|add <texto…> — (editores)',
        '/commitments historial|history <ID> — quién cambió qué, y cuándo',
        '/commitments deshacer|undo — revertir su último cambio a un compromiso (dentro de las 24 horas)',
      ],
    },
    footer: 'Con más de un diálogo, agregue --dialogue <id>.',
  },
};
