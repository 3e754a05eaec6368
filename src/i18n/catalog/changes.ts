import type { ConfirmReason, NoChangeReason } from '../../domain/errors.js';
import type { Lang } from '../../domain/types.js';
import { formatDate } from '../format.js';

/**
 * Strings of changes people can trust: confirmations, no-ops, undo,
 * collisions, sides. `es` must have exactly these keys (checked by tsc).
 */
function reasonEn(r: ConfirmReason): string {
  const d = (iso: string) => formatDate(iso, 'en');
  switch (r.code) {
    case 'held_far_from_scheduled':
      return `${d(r.date)} is ${r.days} days from the date the round was scheduled for (${d(r.scheduled)}).`;
    case 'held_soon_after_last':
      return `${d(r.date)} is only ${r.days} days after the last round held (${d(r.last)}): is this the same meeting?`;
    case 'weekend':
      return `${d(r.date)} falls on a weekend.`;
    case 'holiday':
      return `${d(r.date)} is a public holiday in ${r.party.name.en}.`;
    case 'cancel_round':
      return `Cancelling ${r.number ? `round ${r.number}` : 'this round'} (${r.year}) closes it; the next meeting held will take its number.`;
    case 'drop_commitment':
      return `Dropping ${r.id} takes it off the open list.`;
  }
}

function reasonEs(r: ConfirmReason): string {
  const d = (iso: string) => formatDate(iso, 'es');
  switch (r.code) {
    case 'held_far_from_scheduled':
      return `El ${d(r.date)} está a ${r.days} días de la fecha para la que se programó la ronda (${d(r.scheduled)}).`;
    case 'held_soon_after_last':
      return `El ${d(r.date)} es solo ${r.days} días después de la última ronda celebrada (${d(r.last)}): ¿se trata de la misma reunión?`;
    case 'weekend':
      return `El ${d(r.date)} cae en fin de semana.`;
    case 'holiday':
      return `El ${d(r.date)} es día feriado en ${r.party.name.es}.`;
    case 'cancel_round':
      return `Cancelar ${r.number ? `la ronda ${r.number}` : 'esta ronda'} (${r.year}) la cierra; la próxima reunión que se celebre tomará su número.`;
    case 'drop_commitment':
      return `Descartar ${r.id} lo saca de la lista de pendientes.`;
  }
}

function noChangeEn(r: NoChangeReason): string {
  switch (r.code) {
    case 'round.same_outcome':
      return `Round ${r.number ?? ''} was already recorded as held on ${formatDate(r.date, 'en')}; nothing changed.`;
    case 'round.same_schedule':
      return `Round ${r.number ?? ''} is already scheduled for ${formatDate(r.date, 'en')}; nothing changed.`;
    case 'commitment.same_owner':
      return `@${r.user} already owns ${r.id} for ${r.party.name.en}; nothing changed.`;
    case 'commitment.same_due':
      return `${r.id} is already due ${formatDate(r.date, 'en')}; nothing changed.`;
  }
}

function noChangeEs(r: NoChangeReason): string {
  switch (r.code) {
    case 'round.same_outcome':
      return `La ronda ${r.number ?? ''} ya estaba registrada como celebrada el ${formatDate(r.date, 'es')}; no cambió nada.`;
    case 'round.same_schedule':
      return `La ronda ${r.number ?? ''} ya está programada para el ${formatDate(r.date, 'es')}; no cambió nada.`;
    case 'commitment.same_owner':
      return `@${r.user} ya es responsable de ${r.id} por ${r.party.name.es}; no cambió nada.`;
    case 'commitment.same_due':
      return `${r.id} ya vence el ${formatDate(r.date, 'es')}; no cambió nada.`;
  }
}

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
    assignHelp: (sides) => `/commitments assign <ID> @usuario [${sides}] — responsable de una parte (editores)`,
  },
  errors: {
    unknownParty: (side, sides) => `“${side}” no es una de las partes de este diálogo (pruebe ${sides}).`,
    sideRequired: (id, example) =>
      `Ambas partes de ${id} tienen (o no tienen) responsable: indique cuál, p. ej. /commitments assign ${id} @ana ${example}`,
  },
};

export type { Lang };
