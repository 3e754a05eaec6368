import type { ConfirmReason, NoChangeReason } from '../../domain/errors.js';
import { type Rich, rich } from '../../presentation/reply.js';
import { formatDate } from '../format.js';

/**
 * Strings of changes people can trust: confirmations, no-ops, undo,
 * collisions, sides. `es` must have exactly these keys (checked by tsc).
 */
const dEn = (iso: string) => formatDate(iso, 'en');
const dEs = (iso: string) => formatDate(iso, 'es');

const reasonEn = {
  held_far_from_scheduled: (r: Extract<ConfirmReason, { code: 'held_far_from_scheduled' }>) =>
    `${dEn(r.date)} is ${r.days} days from the date the round was scheduled for (${dEn(r.scheduled)}).`,
  held_soon_after_last: (r: Extract<ConfirmReason, { code: 'held_soon_after_last' }>) =>
    `${dEn(r.date)} is only ${r.days} days after the last round held (${dEn(r.last)}): is this the same meeting?`,
  weekend: (r: Extract<ConfirmReason, { code: 'weekend' }>) => `${dEn(r.date)} falls on a weekend.`,
  holiday: (r: Extract<ConfirmReason, { code: 'holiday' }>) =>
    `${dEn(r.date)} is a public holiday in ${r.party.name.en}.`,
  cancel_round: (r: Extract<ConfirmReason, { code: 'cancel_round' }>) =>
    `Cancelling ${r.number ? `round ${r.number}` : 'this round'} (${r.year}) closes it; the next meeting held will take its number.`,
  drop_commitment: (r: Extract<ConfirmReason, { code: 'drop_commitment' }>) =>
    `Dropping ${r.id} takes it off the open list.`,
  revoke_page_link: (r: Extract<ConfirmReason, { code: 'revoke_page_link' }>) =>
    `Revoking the viewer address “${r.label}” stops it working at once for everyone who has it.`,
  reset_page_link: (_r: Extract<ConfirmReason, { code: 'reset_page_link' }>) =>
    'Resetting gives your page a new address; the current one stops working at once.',
};

const reasonEs = {
  held_far_from_scheduled: (r: Extract<ConfirmReason, { code: 'held_far_from_scheduled' }>) =>
    `El ${dEs(r.date)} está a ${r.days} días de la fecha para la que se programó la ronda (${dEs(r.scheduled)}).`,
  held_soon_after_last: (r: Extract<ConfirmReason, { code: 'held_soon_after_last' }>) =>
    `El ${dEs(r.date)} es solo ${r.days} días después de la última ronda celebrada (${dEs(r.last)}): ¿se trata de la misma reunión?`,
  weekend: (r: Extract<ConfirmReason, { code: 'weekend' }>) => `El ${dEs(r.date)} cae en fin de semana.`,
  holiday: (r: Extract<ConfirmReason, { code: 'holiday' }>) =>
    `El ${dEs(r.date)} es día feriado en ${r.party.name.es}.`,
  cancel_round: (r: Extract<ConfirmReason, { code: 'cancel_round' }>) =>
    `Cancelar ${r.number ? `la ronda ${r.number}` : 'esta ronda'} (${r.year}) la cierra; la próxima reunión que se celebre tomará su número.`,
  drop_commitment: (r: Extract<ConfirmReason, { code: 'drop_commitment' }>) =>
    `Descartar ${r.id} lo saca de la lista de pendientes.`,
  revoke_page_link: (r: Extract<ConfirmReason, { code: 'revoke_page_link' }>) =>
    `Al revocar la dirección de consulta “${r.label}”, deja de funcionar de inmediato para todos los que la tienen.`,
  reset_page_link: (_r: Extract<ConfirmReason, { code: 'reset_page_link' }>) =>
    'Al restablecerla, su página recibe una dirección nueva y la actual deja de funcionar de inmediato.',
};

const noChangeEn = {
  'round.same_outcome': (r: Extract<NoChangeReason, { code: 'round.same_outcome' }>) =>
    `Round ${r.number ?? ''} was already recorded as held on ${formatDate(r.date, 'en')}; nothing changed.`,
  'round.same_schedule': (r: Extract<NoChangeReason, { code: 'round.same_schedule' }>) =>
    `Round ${r.number ?? ''} is already scheduled for ${formatDate(r.date, 'en')}; nothing changed.`,
  'commitment.same_owner': (r: Extract<NoChangeReason, { code: 'commitment.same_owner' }>) =>
    rich({ user: r.user }, ` already owns ${r.id} for ${r.party.name.en}; nothing changed.`),
  'commitment.same_due': (r: Extract<NoChangeReason, { code: 'commitment.same_due' }>) =>
    `${r.id} is already due ${formatDate(r.date, 'en')}; nothing changed.`,
};

const noChangeEs = {
  'round.same_outcome': (r: Extract<NoChangeReason, { code: 'round.same_outcome' }>) =>
    `La ronda ${r.number ?? ''} ya estaba registrada como celebrada el ${formatDate(r.date, 'es')}; no cambió nada.`,
  'round.same_schedule': (r: Extract<NoChangeReason, { code: 'round.same_schedule' }>) =>
    `La ronda ${r.number ?? ''} ya está programada para el ${formatDate(r.date, 'es')}; no cambió nada.`,
  'commitment.same_owner': (r: Extract<NoChangeReason, { code: 'commitment.same_owner' }>) =>
    rich({ user: r.user }, ` ya es responsable de ${r.id} por ${r.party.name.es}; no cambió nada.`),
  'commitment.same_due': (r: Extract<NoChangeReason, { code: 'commitment.same_due' }>) =>
    `${r.id} ya vence el ${formatDate(r.date, 'es')}; no cambió nada.`,
};

export const en = {
  confirm: {
    header: 'Please confirm',
    reason: reasonEn,
    ask: 'Press Confirm to go ahead, or ignore this message and nothing changes.',
    askCli: 'Nothing changed. Run it again with --yes to go ahead.',
    button: 'Confirm',
  },
  markDone: {
    title: 'Mark done?',
    text: (id: string) => `${id} will be marked done and the channel told. You can undo it with /commitments undo.`,
    confirm: 'Mark done',
    deny: 'Cancel',
  },
  noChange: noChangeEn,
  cycle: {
    cancelledEntry: (year: number, host: string, detail: string) => `Cancelled meeting · ${year} · ${host} · ${detail}`,
  },
  undo: {
    button: 'Undo',
    done: (n: number) => `Undone: change #${n} has been reversed.`,
    what: (id: string) => `${id}:`,
    noteWithdrawn: (id: string) => `${id}: the note is withdrawn.`,
    removed: (id: string) => `${id} is removed.`,
    roundBack: (label: string) => `${label} is back as it was.`,
    hint: (command: string) => `Made a mistake? ${command} undo reverses your last change (within 24 hours).`,
  },
  history: {
    undo: (n: number) => `undo of change #${n}`,
    changeNo: (n: number) => `#${n}`,
    withdrawn: 'withdrawn',
  },
  sides: {
    /** `mx or uk` */
    list: (words: readonly string[]) =>
      words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`,
  },
  usage: {
    controlChars:
      'Your text contains control characters (such as NUL), which cannot be stored. Remove them and try again.',
    undo: (command: string) => `Usage: ${command} undo`,
    assign: (sides: string) => `Usage: /commitments assign <ID> @user [${sides}]`,
    assignHelp: (sides: string) => `/commitments assign <ID> @user [${sides}] — owner on one side (editors)`,
  },
  errors: {
    unknownParty: (side: string, sides: string) => `“${side}” is not a side of this dialogue (try ${sides}).`,
    sideRequired: (id: string, example: string) =>
      `Both sides of ${id} have (or lack) an owner: say which side, e.g. /commitments assign ${id} @ana ${example}`,
  },
};

export type ChangesMessages = typeof en;

export const es: ChangesMessages = {
  confirm: {
    header: 'Confirme, por favor',
    reason: reasonEs,
    ask: 'Pulse Confirmar para seguir adelante, o ignore este mensaje y no cambiará nada.',
    askCli: 'No cambió nada. Vuelva a ejecutarlo con --yes para seguir adelante.',
    button: 'Confirmar',
  },
  markDone: {
    title: '¿Marcar cumplido?',
    text: (id) => `${id} se marcará como cumplido y se avisará en el canal. Puede deshacerlo con /commitments undo.`,
    confirm: 'Marcar cumplido',
    deny: 'Cancelar',
  },
  noChange: noChangeEs,
  cycle: {
    cancelledEntry: (year, host, detail) => `Reunión cancelada · ${year} · ${host} · ${detail}`,
  },
  undo: {
    button: 'Deshacer',
    done: (n) => `Deshecho: se revirtió el cambio n.º ${n}.`,
    what: (id) => `${id}:`,
    noteWithdrawn: (id) => `${id}: la nota quedó retirada.`,
    removed: (id) => `${id} quedó eliminado.`,
    roundBack: (label) => `${label} vuelve a estar como antes.`,
    hint: (command) => `¿Se equivocó? ${command} undo revierte su último cambio (dentro de las 24 horas).`,
  },
  history: {
    undo: (n) => `se deshizo el cambio n.º ${n}`,
    changeNo: (n) => `n.º ${n}`,
    withdrawn: 'retirada',
  },
  sides: {
    list: (words) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} o ${words.at(-1)}`),
  },
  usage: {
    controlChars:
      'Su texto contiene caracteres de control (como NUL), que no se pueden guardar. Quítelos e inténtelo de nuevo.',
    undo: (command) => `Uso: ${command} undo`,
    assign: (sides) => `Uso: /commitments assign <ID> @usuario [${sides}]`,
    assignHelp: (sides) => `/commitments asignar|assign <ID> @usuario [${sides}] — responsable de una parte (editores)`,
  },
  errors: {
    unknownParty: (side, sides) => `“${side}” no es una de las partes de este diálogo (pruebe ${sides}).`,
    sideRequired: (id, example) =>
      `Ambas partes de ${id} tienen (o no tienen) responsable: indique cuál, p. ej. /commitments assign ${id} @ana ${example}`,
  },
};

/** A confirmation reason in words (the catalogue keeps one entry per reason). */
export function reasonText(reasons: ChangesMessages['confirm']['reason'], r: ConfirmReason): string {
  return (reasons[r.code] as (x: ConfirmReason) => string)(r);
}

/** A no-op in words. */
export function noChangeText(texts: ChangesMessages['noChange'], r: NoChangeReason): Rich {
  return (texts[r.code] as (x: NoChangeReason) => Rich)(r);
}
