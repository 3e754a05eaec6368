import { TERMS } from './terms.js';

/** Strings of the slack area (App Home, buttons, modals, the brief). `es` must have exactly these keys (checked by tsc). */
export const en = {
  /**
   * A message cut to fit Slack's 50 blocks: how much of it is not shown
   * (`items`: entries of its lists; `lines`: its other paragraphs) and how to
   * see all of it (`see`: the reply's own way, else `cutSee`).
   */
  cut: (items: number, lines: number, see: string) => {
    const what = [
      items > 0 ? `${items} more ${items === 1 ? 'item' : 'items'}` : '',
      lines > 0 ? `${lines} more ${lines === 1 ? 'line' : 'lines'}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return `${what} did not fit in one Slack message: ${see}`;
  },
  cutSee: 'ask for less at a time (a page or a filter) to see them.',
  share: {
    button: 'Share in channel',
    sharedBy: 'Shared by ',
    failed: 'I could not share that in this channel.',
  },
  buttons: {
    markDone: 'Mark done',
    update: 'Update…',
    updateId: (id: string) => `Update ${id}…`,
    schedule: 'Schedule round…',
    subscribe: 'Subscribe to calendar',
    resetLink: 'Reset calendar link…',
  },
  announce: {
    notInChannel:
      'Done, but I could not announce it in this channel: invite me with /invite, or set a reminder channel.',
  },
  duplicate: 'That was already applied; nothing changed twice.',
  home: {
    header: (dialogue: string) => dialogue,
    nextTitle: 'Next round',
    hostFlag: (flag: string, host: string) => `${flag} Host: ${host}`,
    expected: (year: number) => `Expected in ${year}, ${TERMS.en.dateNotFixed}`,
    countdown: (days: number) =>
      days === 0 ? 'today' : days === 1 ? 'tomorrow' : days > 1 ? `in ${days} days` : `${-days} days ago`,
    cycleTitle: 'The cycle',
    commitmentsTitle: 'Commitments',
    group: (status: string, count: number) => `${status} (${count})`,
    none: 'No commitments recorded yet.',
    allHint: 'all of them, as text: /commitments list all',
    editorHint: 'You are an editor: you can change rounds and commitments.',
    readerHint: 'You can read everything here; only the dialogue’s editors can change data.',
    updated: (when: string) => `Updated ${when}`,
    due: (date: string) => `due ${date}`,
  },
  modal: {
    cancel: 'Cancel',
    save: 'Save',
    update: {
      title: 'Update commitment',
      status: 'Status',
      note: 'Note',
      notePlaceholder: 'What happened? (optional)',
      nothing: 'Nothing to change: pick another status or write a note.',
    },
    schedule: {
      title: 'Schedule round',
      intro: (n: number, host: string) => `Fix the date of round ${n} (hosted by ${host}).`,
      date: 'Date',
      time: 'Start time (optional)',
      timeHint: 'In the host capital’s time zone.',
      endTime: 'End time (optional)',
      endHint: 'With a start time. Without one, calendars show the round as one hour.',
      city: 'City (optional)',
    },
  },
  brief: {
    header: (n: number, dialogue: string) => `Pre-dialogue brief · round ${n} · ${dialogue}`,
    since: (n: number, date: string) => `Since round ${n} (held ${date})`,
    sinceStart: 'No round held yet: everything recorded so far',
    counts: (total: number, byStatus: string) => `${total} commitments · ${byStatus}`,
    changeCount: (n: number) => (n === 0 ? 'no changes since' : n === 1 ? '1 change since' : `${n} changes since`),
    owners: 'Owners',
    lastNote: 'Last note',
    noNote: 'no notes yet',
    changed: 'Changed since',
    unchanged: 'none',
    roundsTitle: 'Rounds',
    /** A round's audited fields by name (the store's `endTime` is never shown as such). */
    roundFields: { state: 'state', date: 'date', time: 'time', endTime: 'end time', city: 'city', year: 'year' },
    none: 'No commitments to brief on.',
    /** Said after a brief cut to fit one Slack message. */
    seeAll: 'the briefing pack (Download) has all of it.',
    usage: 'Usage: /dialogue brief [page N] (add --dialogue <id> to pick a dialogue)',
  },
  import: {
    title: 'Import a statement',
    label: 'Joint statement text',
    more: 'Continued (optional)',
    moreHint: 'Slack fields hold 3,000 characters: paste the rest of a long statement here.',
    translation: 'The same statement in the other language (optional)',
    translationHint:
      'Paste the Spanish version of an English statement (or the English of a Spanish one): each commitment keeps both texts, and each reader sees their own.',
    placeholder: 'Paste the joint statement here',
    propose: 'Preview',
    apply: 'Record it',
    close: 'Close',
    reading: 'Reading the statement…',
    expired: 'This preview has expired; run /dialogue import again.',
    editorsOnly: 'Only the dialogue’s editors can record it; this is a preview.',
  },
};

export type SlackMessages = typeof en;

export const es: SlackMessages = {
  cut: (items, lines, see) => {
    const what = [
      items > 0 ? `${items} ${items === 1 ? 'elemento' : 'elementos'} más` : '',
      lines > 0 ? `${lines} ${lines === 1 ? 'línea' : 'líneas'} más` : '',
    ]
      .filter(Boolean)
      .join(' y ');
    return `${what} no ${items + lines === 1 ? 'cupo' : 'cupieron'} en un solo mensaje de Slack: ${see}`;
  },
  cutSee: 'para verlos, pida menos a la vez (una página o un filtro).',
  share: {
    button: 'Compartir en el canal',
    sharedBy: 'Compartido por ',
    failed: 'No pude compartir esto en este canal.',
  },
  buttons: {
    markDone: 'Marcar cumplido',
    update: 'Actualizar…',
    updateId: (id) => `Actualizar ${id}…`,
    schedule: 'Programar ronda…',
    subscribe: 'Suscribirse al calendario',
    resetLink: 'Restablecer enlace del calendario…',
  },
  announce: {
    notInChannel:
      'Hecho, pero no pude anunciarlo en este canal: invíteme con /invite o configure un canal de recordatorios.',
  },
  duplicate: 'Eso ya se aplicó; no se cambió nada dos veces.',
  home: {
    header: (dialogue) => dialogue,
    nextTitle: 'Próxima ronda',
    hostFlag: (flag, host) => `${flag} Sede: ${host}`,
    expected: (year) => `Prevista en ${year}, ${TERMS.es.dateNotFixed}`,
    countdown: (days) =>
      days === 0 ? 'hoy' : days === 1 ? 'mañana' : days > 1 ? `faltan ${days} días` : `hace ${-days} días`,
    cycleTitle: 'El ciclo',
    commitmentsTitle: 'Compromisos',
    group: (status, count) => `${status} (${count})`,
    none: 'Aún no hay compromisos registrados.',
    allHint: 'todos, como texto: /commitments list all',
    editorHint: 'Usted es editor: puede cambiar rondas y compromisos.',
    readerHint: 'Puede consultar todo aquí; solo los editores del diálogo pueden cambiar datos.',
    updated: (when) => `Actualizado: ${when}`,
    due: (date) => `vence el ${date}`,
  },
  modal: {
    cancel: 'Cancelar',
    save: 'Guardar',
    update: {
      title: 'Actualizar compromiso',
      status: 'Estado',
      note: 'Nota',
      notePlaceholder: '¿Qué pasó? (opcional)',
      nothing: 'Nada que cambiar: elija otro estado o escriba una nota.',
    },
    schedule: {
      title: 'Programar ronda',
      intro: (n, host) => `Fije la fecha de la ronda ${n} (con sede en ${host}).`,
      date: 'Fecha',
      time: 'Hora de inicio (opcional)',
      timeHint: 'En la hora de la capital anfitriona.',
      endTime: 'Hora de término (opcional)',
      endHint: 'Junto con la hora de inicio. Sin ella, los calendarios muestran la ronda como de una hora.',
      city: 'Ciudad (opcional)',
    },
  },
  brief: {
    header: (n, dialogue) => `Tarjeta informativa · ronda ${n} · ${dialogue}`,
    since: (n, date) => `Desde la ronda ${n} (celebrada el ${date})`,
    sinceStart: 'Aún no se ha celebrado ninguna ronda: todo lo registrado hasta ahora',
    counts: (total, byStatus) => `${total} compromisos · ${byStatus}`,
    changeCount: (n) =>
      n === 0 ? 'sin cambios desde entonces' : n === 1 ? '1 cambio desde entonces' : `${n} cambios desde entonces`,
    owners: 'Responsables',
    lastNote: 'Última nota',
    noNote: 'sin notas',
    changed: 'Cambios desde la ronda',
    unchanged: 'ninguno',
    roundsTitle: 'Rondas',
    roundFields: {
      state: 'estado',
      date: 'fecha',
      time: 'hora',
      endTime: 'hora de término',
      city: 'ciudad',
      year: 'año',
    },
    none: 'No hay compromisos para la tarjeta informativa.',
    seeAll: 'el paquete informativo (Descargar) la contiene completa.',
    usage: 'Uso: /dialogue brief [page N] (agregue --dialogue <id> para elegir un diálogo)',
  },
  import: {
    title: 'Importar declaración',
    label: 'Texto de la declaración conjunta',
    more: 'Continuación (opcional)',
    moreHint: 'Los campos de Slack admiten 3000 caracteres: pegue aquí el resto de una declaración larga.',
    translation: 'La misma declaración en el otro idioma (opcional)',
    translationHint:
      'Pegue la versión en inglés de una declaración en español (o la versión en español de una en inglés): cada compromiso conserva ambos textos y cada lector ve el suyo.',
    placeholder: 'Pegue aquí la declaración conjunta',
    propose: 'Vista previa',
    apply: 'Registrarla',
    close: 'Cerrar',
    reading: 'Leyendo la declaración…',
    expired: 'Esta vista previa caducó; vuelva a ejecutar /dialogue import.',
    editorsOnly: 'Solo los editores del diálogo pueden registrarla; esto es una vista previa.',
  },
};
