import { TERMS } from './terms.js';

/** Strings of the reminders area. `es` must have exactly these keys (checked by tsc). */
export const en = {
  round: {
    header: (n: number, dialogue: string) => `Reminder: round ${n} · ${dialogue}`,
    countdown: (n: number, days: number, when: string) =>
      days === 0
        ? `Today: round ${n} takes place — ${when}.`
        : days === 1
          ? `Tomorrow: round ${n} — ${when}.`
          : `In ${days} days: round ${n} — ${when}.`,
    started: (n: number, when: string) => `Round ${n} has already begun — ${when}.`,
    host: (host: string) => `Host: ${host}.`,
    venue: (city: string) => `Venue: ${city}.`,
  },
  moved: {
    header: (n: number, dialogue: string) => `Round ${n} has moved · ${dialogue}`,
    text: (n: number, from: string, to: string) => `Round ${n} has moved from ${from} to ${to}.`,
    rearmed: 'Reminders follow the new date.',
  },
  expected: {
    header: (n: number, dialogue: string) => `${TERMS.en.DateNotFixed}: round ${n} · ${dialogue}`,
    text: (n: number, host: string, year: number) =>
      `Round ${n} is expected in ${host} in ${year}; ${TERMS.en.dateNotFixed}.`,
    around: (date: string) => `A year after the last round would be around ${date}.`,
    action: 'When it is agreed: /dialogue schedule YYYY-MM-DD [HH:MM] [city].',
  },
  overdue: {
    header: (n: number, dialogue: string) => `Record the outcome: round ${n} · ${dialogue}`,
    text: (n: number, host: string, year: number) =>
      `Round ${n} was expected in ${host} in ${year}, and nothing has been recorded.`,
    action:
      'Record what happened: /dialogue held YYYY-MM-DD, /dialogue postpone [reason] or /dialogue cancel [reason].',
  },
  followup: {
    header: (n: number, dialogue: string) => `After round ${n} · ${dialogue}`,
    held: (n: number, date: string) => `Round ${n} was held on ${date}. Three things to do:`,
    scheduled: (n: number, date: string) => `Round ${n} was scheduled for ${date}. Three things to do:`,
    recordOutcome: 'Record the outcome: /dialogue held YYYY-MM-DD (or postpone / cancel).',
    recorded: 'Outcome recorded ✓ — add notes to the commitments it touched.',
    importStatement: 'Import the joint statement: dialogue-bot import <file> --apply.',
    next: (n: number, host: string, year: number) => `Next round: round ${n}, in ${host}, expected in ${year}.`,
    noNext: 'Next round: none projected.',
  },
  commitment: {
    header: (id: string) => `Commitment ${id} is due soon`,
    due: (id: string, days: number, date: string) =>
      days === 0
        ? `${id} is due today (${date}).`
        : days === 1
          ? `${id} is due tomorrow (${date}).`
          : `${id} is due in ${days} days (${date}).`,
    overdue: (id: string, date: string) => `${id} was due on ${date}.`,
    snoozed: 'You snoozed this reminder 7 days ago.',
    snoozedNow: (date: string) => `Snoozed: this reminder comes back on ${date}.`,
    snoozeGone: 'That reminder can no longer be snoozed (the commitment changed or is closed).',
    confirmDone: {
      title: 'Mark as done?',
      text: (id: string) => `Mark commitment ${id} as done? It can be reopened with /commitments update.`,
      confirm: 'Mark done',
      deny: 'Cancel',
    },
    snoozeButton: 'Snooze 7 days',
    status: (status: string) => `Status: ${status}.`,
    action: (id: string) => `Update it: /commitments update ${id} in-progress|done [note].`,
  },
  digest: {
    header: (dialogue: string) => `Weekly digest · ${dialogue}`,
    overdueHeader: (dialogue: string) => `Overdue commitments · ${dialogue}`,
    summary: (open: number, overdue: number) =>
      `${open} open commitment${open === 1 ? '' : 's'}${overdue > 0 ? `, ${overdue} overdue` : ''}.`,
    overdueSummary: (overdue: number) => `${overdue} commitment${overdue === 1 ? ' is' : 's are'} past the due date.`,
    /** Every heading of a digest reads the same way: `Overdue (3)`, `In progress (12)`, `Not started (40)`. */
    group: (heading: string, count: number) => `${heading} (${count})`,
    overdue: 'Overdue',
    more: (n: number) =>
      `…and ${n} more open commitment${n === 1 ? '' : 's'}: /commitments list open shows them all, a page at a time.`,
    item: (id: string, title: string) => `${id} — ${title}`,
    itemDue: (id: string, title: string, due: string) => `${id} — ${title} · due ${due}`,
    footer: 'Details: /commitments show <ID> · update: /commitments update <ID> <status>',
    /** Said after a digest cut to fit one Slack message. */
    seeAll: '/commitments list open shows every open commitment, a page at a time.',
  },
  late: (when: string) => `Sent late: this was due ${when}.`,
  list: {
    header: (dialogue: string) => `Coming reminders · ${dialogue}`,
    item: (when: string, where: string, what: string) => `${when} → ${where}: ${what}`,
    channel: (id: string) => `#${id}`,
    noChannelSet: '(no channel set)',
    dm: (user: string) => `DM @${user}`,
    none: (days: number) => `No reminders in the next ${days} days.`,
    footer: (zone: string, days: number) => `Next ${days} days; times in ${zone}.`,
    noChannel:
      'No reminder channel is set: an editor can run /dialogue remind-here in the channel that should get them.',
    precedence:
      'A dialogue’s own channel (/dialogue remind-here, or its config) wins; the server’s default reminder channel serves dialogues that have none.',
    status: {
      willSend: 'will send',
      late: 'late',
      sent: (when: string) => `sent ${when}`,
      skipped: (reason: string) => `skipped: ${reason}`,
      waiting: 'waiting: no channel',
    },
    reason: {
      missed: (hours: number) => `missed by more than the catch-up window (${hours} h)`,
      failed: (error: string | null) => `failed${error ? ` (${error})` : ''}`,
      noChannel: 'no reminder channel was set in time',
      dropped: 'no longer planned (its round moved or was postponed, or the commitment changed)',
    },
    channelLabel: 'Reminder channel: ',
    dmLabel: 'DM ',
  },
  usage: {
    reminders: 'Usage: /dialogue reminders [days] [page N] (days 1–366; default 30)',
    remindHere: 'Usage: /dialogue remind-here (in the channel that should get reminders; editors)',
  },
  remindHere: {
    set: (dialogue: string) => `Reminders of the ${dialogue} will be posted in this channel.`,
    needsChannel: 'Run /dialogue remind-here inside the channel that should get the reminders.',
    envDefault: (id: string) =>
      `This channel now wins over the server’s default reminder channel (#${id}), which stays the default for dialogues without a channel of their own.`,
  },
};

export type RemindersMessages = typeof en;

export const es: RemindersMessages = {
  round: {
    header: (n, dialogue) => `Recordatorio: ronda ${n} · ${dialogue}`,
    countdown: (n, days, when) =>
      days === 0
        ? `Hoy: se celebra la ronda ${n} — ${when}.`
        : days === 1
          ? `Mañana: ronda ${n} — ${when}.`
          : `Dentro de ${days} días: ronda ${n} — ${when}.`,
    started: (n, when) => `La ronda ${n} ya comenzó — ${when}.`,
    host: (host) => `Anfitrión: ${host}.`,
    venue: (city) => `Sede: ${city}.`,
  },
  moved: {
    header: (n, dialogue) => `La ronda ${n} cambió de fecha · ${dialogue}`,
    text: (n, from, to) => `La ronda ${n} pasó del ${from} al ${to}.`,
    rearmed: 'Los recordatorios siguen la nueva fecha.',
  },
  expected: {
    header: (n, dialogue) => `${TERMS.es.DateNotFixed}: ronda ${n} · ${dialogue}`,
    text: (n, host, year) => `La ronda ${n} se espera en ${host} en ${year}; ${TERMS.es.dateNotFixed}.`,
    around: (date) => `Un año después de la última ronda sería alrededor del ${date}.`,
    action: 'Cuando se acuerde: /dialogue schedule AAAA-MM-DD [HH:MM] [ciudad].',
  },
  overdue: {
    header: (n, dialogue) => `Registre el resultado: ronda ${n} · ${dialogue}`,
    text: (n, host, year) => `La ronda ${n} se esperaba en ${host} en ${year} y no se ha registrado nada.`,
    action: 'Registre lo ocurrido: /dialogue held AAAA-MM-DD, /dialogue postpone [motivo] o /dialogue cancel [motivo].',
  },
  followup: {
    header: (n, dialogue) => `Después de la ronda ${n} · ${dialogue}`,
    held: (n, date) => `La ronda ${n} se celebró el ${date}. Tres cosas por hacer:`,
    scheduled: (n, date) => `La ronda ${n} estaba prevista para el ${date}. Tres cosas por hacer:`,
    recordOutcome: 'Registre el resultado: /dialogue held AAAA-MM-DD (o postpone / cancel).',
    recorded: 'Resultado registrado ✓ — agregue notas a los compromisos que se trataron.',
    importStatement: 'Importe la declaración conjunta: dialogue-bot import <archivo> --apply.',
    next: (n, host, year) => `Próxima ronda: ronda ${n}, en ${host}, prevista en ${year}.`,
    noNext: 'Próxima ronda: ninguna proyectada.',
  },
  commitment: {
    header: (id) => `El compromiso ${id} vence pronto`,
    due: (id, days, date) =>
      days === 0
        ? `${id} vence hoy (${date}).`
        : days === 1
          ? `${id} vence mañana (${date}).`
          : `${id} vence dentro de ${days} días (${date}).`,
    overdue: (id, date) => `${id} venció el ${date}.`,
    snoozed: 'Usted pospuso este recordatorio hace 7 días.',
    snoozedNow: (date) => `Pospuesto: este recordatorio volverá el ${date}.`,
    snoozeGone: 'Ese recordatorio ya no se puede posponer (el compromiso cambió o está cerrado).',
    confirmDone: {
      title: '¿Marcar como cumplido?',
      text: (id) => `¿Marcar el compromiso ${id} como cumplido? Puede reabrirse con /commitments update.`,
      confirm: 'Marcar cumplido',
      deny: 'Cancelar',
    },
    snoozeButton: 'Posponer 7 días',
    status: (status) => `Estado: ${status}.`,
    action: (id) => `Actualícelo: /commitments update ${id} in-progress|done [nota].`,
  },
  digest: {
    header: (dialogue) => `Resumen semanal · ${dialogue}`,
    overdueHeader: (dialogue) => `Compromisos vencidos · ${dialogue}`,
    summary: (open, overdue) =>
      `${open} compromiso${open === 1 ? '' : 's'} abierto${open === 1 ? '' : 's'}${overdue > 0 ? `, ${overdue} vencido${overdue === 1 ? '' : 's'}` : ''}.`,
    overdueSummary: (overdue) =>
      overdue === 1 ? '1 compromiso ha pasado su fecha límite.' : `${overdue} compromisos han pasado su fecha límite.`,
    group: (heading, count) => `${heading} (${count})`,
    overdue: 'Vencidos',
    more: (n) =>
      `…y ${n} compromiso${n === 1 ? '' : 's'} abierto${n === 1 ? '' : 's'} más: /commitments list open los muestra todos, página por página.`,
    item: (id, title) => `${id} — ${title}`,
    itemDue: (id, title, due) => `${id} — ${title} · vence el ${due}`,
    footer: 'Detalles: /commitments show <ID> · actualizar: /commitments update <ID> <estado>',
    seeAll: '/commitments list open muestra todos los compromisos abiertos, página por página.',
  },
  late: (when) => `Enviado con retraso: correspondía al ${when}.`,
  list: {
    header: (dialogue) => `Próximos recordatorios · ${dialogue}`,
    item: (when, where, what) => `${when} → ${where}: ${what}`,
    channel: (id) => `#${id}`,
    noChannelSet: '(sin canal)',
    dm: (user) => `MD a @${user}`,
    none: (days) => `No hay recordatorios en los próximos ${days} días.`,
    footer: (zone, days) => `Próximos ${days} días; horas en ${zone}.`,
    noChannel:
      'No hay canal de recordatorios: un editor puede escribir /dialogue remind-here en el canal que deba recibirlos.',
    precedence:
      'Prevalece el canal propio del diálogo (/dialogue remind-here, o su configuración); el canal de recordatorios por defecto del servidor sirve a los diálogos que no tienen uno.',
    status: {
      willSend: 'se enviará',
      late: 'con retraso',
      sent: (when) => `enviado ${when}`,
      skipped: (reason) => `omitido: ${reason}`,
      waiting: 'en espera: sin canal',
    },
    reason: {
      missed: (hours) => `se pasó la ventana de recuperación (${hours} h)`,
      failed: (error) => `falló${error ? ` (${error})` : ''}`,
      noChannel: 'no se definió a tiempo un canal de recordatorios',
      dropped: 'ya no está previsto (la ronda cambió de fecha o se pospuso, o el compromiso cambió)',
    },
    channelLabel: 'Canal de recordatorios: ',
    dmLabel: 'MD ',
  },
  usage: {
    reminders: 'Uso: /dialogue reminders [días] [page N] (días 1–366; por defecto 30)',
    remindHere: 'Uso: /dialogue remind-here (en el canal que deba recibir los recordatorios; editores)',
  },
  remindHere: {
    set: (dialogue) => `Los recordatorios del ${dialogue} se publicarán en este canal.`,
    needsChannel: 'Escriba /dialogue remind-here dentro del canal que deba recibir los recordatorios.',
    envDefault: (id) =>
      `Este canal prevalece ahora sobre el canal de recordatorios por defecto del servidor (#${id}), que sigue siendo el de los diálogos sin canal propio.`,
  },
};
