import { TERMS } from './terms.js';

/** Strings of the calendar area. `es` must have exactly these keys (checked by tsc). */
export const en = {
  feed: {
    /** Calendar name when a feed covers several dialogues. */
    name: 'Dialogue Tracker',
    round: (n: number, dialogue: string) => `Round ${n} · ${dialogue}`,
    /** `Round 2 · … — cancelled`, `— postponed`, `— date not fixed yet`; `Due: A3 · … — done`, `— dropped`. */
    titled: (title: string, state: string) => `${title} — ${state}`,
    host: (host: string) => `Host: ${host}`,
    state: (state: string) => `Status: ${state}`,
    when: (when: string) => `When: ${when}`,
    venue: (city: string) => `Venue: ${city}`,
    reason: (reason: string) => `Reason: ${reason}`,
    expected: (host: string, year: number) => `Expected in ${host} in ${year}; ${TERMS.en.dateNotFixed}.`,
    marker:
      'This all-day marker is not a date: it sits a year after the last round while that day is ahead, then on today, until a date is fixed.',
    noEndTime: (minutes: number) =>
      `No end time was given: shown as ${minutes === 60 ? 'one hour' : `${minutes} minutes`} from the start.`,
    postponedNote: 'Postponed: a new date will replace this one.',
    cancelledNote: 'This round was cancelled.',
    due: (id: string, title: string) => `Due: ${id} · ${title}`,
    id: (id: string) => `ID: ${id}`,
    owners: (list: string) => `Owners: ${list}`,
    owner: (side: string, user: string) => `${side}: ${user}`,
    nobody: 'nobody yet',
    agreedAt: (n: number) => `Agreed at round ${n}`,
    paragraph: (p: string) => `paragraph ${p}`,
    addedByHand: 'Added between rounds',
    text: (text: string) => `In the statement’s words: ${text}`,
    handText: (text: string) => `As added: ${text}`,
  },
  subscribe: {
    header: 'Your private calendar feed',
    existing: 'This is your feed address, the same as before: calendars already using it keep working.',
    created: 'Here is your new feed address.',
    intro:
      'Add it to your calendar app. It is private to you: anyone who has it can read the feed, so do not share it.',
    https: 'Feed address',
    webcal: 'webcal address',
    google: 'Google Calendar (web): Other calendars → + → From URL → paste the feed address.',
    outlook: 'Outlook: Add calendar → Subscribe from web → paste the feed address.',
    apple: 'Apple Calendar: open the webcal address, or File → New Calendar Subscription and paste it.',
    mine: 'This address shows only the commitments you own (it ends in “?mine=1”; without that, everything).',
    all: 'Every round and every commitment with a due date is in it (“/dialogue subscribe mine” for only yours).',
    scopeAll:
      'It covers every dialogue. A feed of one dialogue (/dialogue subscribe --dialogue <id>) is a separate address; each keeps working.',
    scopeOne: (dialogue: string) =>
      `It covers ${dialogue} only. Your feed of every dialogue, if you have one, is separate and keeps working.`,
    legacyKept:
      'Your earlier address was made before addresses could be shown again; it keeps working, and this one shows the same feed.',
    refresh:
      'Calendar apps fetch it on their own schedule: changes can take from an hour (Apple, Outlook) to a day (Google) to show.',
    resetHint: (command: string) =>
      `Subscribing again always shows this same address. If it leaked: ${command} gives a new one (this one then stops working).`,
    usage:
      'Usage: /dialogue subscribe [mine] — your private calendar feed (“mine”: only your commitments) · /dialogue subscribe reset — a new address',
  },
  reset: {
    header: 'Reset your calendar link?',
    preview:
      'Resetting gives you a new feed address, and the current one stops working at once: calendars using it go empty until you add the new one. Nothing has changed yet.',
    confirmHint: (command: string) => `To go ahead: ${command}`,
    button: 'Reset link…',
    confirmTitle: 'Reset your calendar link?',
    confirmText: 'The current address stops working at once; calendars using it go empty until you add the new one.',
    confirmButton: 'Reset link',
    denyButton: 'Keep it',
    done: 'Your feed has a new address. The old one has stopped working: replace it in your calendar app.',
  },
  unsubscribe: {
    /** What a feed covers, in words. */
    feedAll: 'all dialogues',
    feedOne: (dialogue: string) => `${dialogue} only`,
    feedMine: (scope: string) => `${scope} — your commitments only`,
    header: (n: number) => (n === 1 ? 'Stop your calendar feed?' : `Stop ${n} calendar feeds?`),
    preview: (n: number) =>
      n === 1
        ? 'This feed would stop: its address stops working at once, and calendars using it go empty. Nothing has changed yet.'
        : `These ${n} feeds would stop: their addresses stop working at once, and calendars using them go empty. Nothing has changed yet.`,
    mineToo: 'A feed’s “only your commitments” address (the one ending in ?mine=1) is the same feed: it stops too.',
    undoable: 'You can undo it for 24 hours: the same addresses then work again.',
    confirmHint: (command: string, button: boolean) =>
      button ? `Press Confirm, or type: ${command}` : `To go ahead: ${command} (or add --yes)`,
    button: 'Confirm',
    keptHeader: 'These keep working:',
    stillHeader: 'Still working:',
    done: (n: number) =>
      n === 1
        ? 'Your calendar feed is stopped: its address no longer works.'
        : `${n} calendar feeds are stopped: their addresses no longer work.`,
    undoHint: (command: string, button: boolean) =>
      `Changed your mind? ${button ? `Press Undo, or type ${command},` : command} within 24 hours: the same addresses come back, so calendars that still have them work again.`,
    undoButton: 'Undo',
    noneLeft: 'Nothing left to stop: you have no calendar feeds. Nothing changed.',
    noneOf: (scope: string) => `Nothing left to stop: you have no calendar feed for “${scope}”. Nothing changed.`,
    yours: 'Your feeds (each with the command that stops it):',
    restored: (n: number, change: number) =>
      n === 1
        ? `Undone: change #${change} has been reversed. Your calendar feed works again, at the same address.`
        : `Undone: change #${change} has been reversed. ${n} calendar feeds work again, at the same addresses.`,
    restoredNone: (change: number) =>
      `Change #${change} is undone, but none of its feeds could be brought back: they were changed since.`,
    usage:
      'Usage: /dialogue unsubscribe [all|mine] [--dialogue <id>] — shows which calendar feed would stop; add “confirm” to stop it · /dialogue unsubscribe undo #N — bring it back',
  },
  cli: {
    usage: `Usage: dialogue-bot feed --user U… [--reset] [--mine] [--lang en|es] [--dialogue id]

Prints the user's private calendar feed URL: the address they already have
(unchanged, so calendars using it keep working), or a new one when they have
none. Without --dialogue it is the feed of every dialogue; with it, that
dialogue's own feed (a separate address). --mine: only the commitments they
own (the same feed, its URL ending in ?mine=1). --reset: a NEW address; the
previous one stops working at once.`,
    existing: (user: string) => `Feed of ${user}: their existing address (unchanged).`,
    created: (user: string) => `New feed created for ${user}.`,
    rotated: (user: string, n: number) =>
      `New feed address for ${user}; ${n === 1 ? 'the previous address has' : `${n} previous addresses have`} stopped working.`,
    legacyKept: 'Their earlier address (made before addresses were kept) keeps working too.',
    https: 'https:',
    webcal: 'webcal:',
    badUser: (user: string) => `--user: not a Slack user ID: "${user}"`,
    needUser: '--user U… is required',
    badLang: (lang: string) => `--lang: use en or es, not "${lang}"`,
    badDialogue: (id: string, have: string) => `--dialogue: no dialogue "${id}" (have: ${have})`,
  },
};

export type CalendarMessages = typeof en;

export const es: CalendarMessages = {
  feed: {
    name: 'Dialogue Tracker',
    round: (n, dialogue) => `Ronda ${n} · ${dialogue}`,
    titled: (title, state) => `${title} — ${state}`,
    host: (host) => `Sede: ${host}`,
    state: (state) => `Estado: ${state}`,
    when: (when) => `Cuándo: ${when}`,
    venue: (city) => `Lugar: ${city}`,
    reason: (reason) => `Motivo: ${reason}`,
    expected: (host, year) => `Prevista en ${host} en ${year}; ${TERMS.es.dateNotFixed}.`,
    marker:
      'Este marcador de día completo no es una fecha: se muestra un año después de la última ronda mientras ese día no haya llegado, y después en el día de hoy, hasta que se fije una fecha.',
    noEndTime: (minutes) =>
      `No se indicó hora de término: se muestra como ${minutes === 60 ? 'una hora' : `${minutes} minutos`} desde el inicio.`,
    postponedNote: 'Aplazada: una nueva fecha sustituirá a esta.',
    cancelledNote: 'Esta ronda se canceló.',
    due: (id, title) => `Vence: ${id} · ${title}`,
    id: (id) => `ID: ${id}`,
    owners: (list) => `Responsables: ${list}`,
    owner: (side, user) => `${side}: ${user}`,
    nobody: 'nadie todavía',
    agreedAt: (n) => `Acordado en la ronda ${n}`,
    paragraph: (p) => `párrafo ${p}`,
    addedByHand: 'Agregado entre rondas',
    text: (text) => `En palabras de la declaración: ${text}`,
    handText: (text) => `Tal como se agregó: ${text}`,
  },
  subscribe: {
    header: 'Su calendario privado',
    existing:
      'Esta es la dirección de su calendario, la misma de antes: los calendarios que ya la usan siguen funcionando.',
    created: 'Esta es la dirección de su nuevo calendario.',
    intro:
      'Agréguela a su aplicación de calendario. Es solo para usted: quien la tenga puede leer el calendario, así que no la comparta.',
    https: 'Dirección del calendario',
    webcal: 'Dirección webcal',
    google: 'Google Calendar (web): Otros calendarios → + → Desde URL → pegue la dirección del calendario.',
    outlook: 'Outlook: Agregar calendario → Suscribirse desde la web → pegue la dirección del calendario.',
    apple: 'Calendario de Apple: abra la dirección webcal, o Archivo → Nueva suscripción a calendario y péguela.',
    mine: 'Esta dirección muestra solo los compromisos a su cargo (termina en “?mine=1”; sin eso, todo).',
    all: 'Incluye todas las rondas y todos los compromisos con fecha límite (“/dialogue subscribe mine” para solo los suyos).',
    scopeAll:
      'Abarca todos los diálogos. El calendario de un solo diálogo (/dialogue subscribe --dialogue <id>) tiene otra dirección; ambas siguen funcionando.',
    scopeOne: (dialogue) =>
      `Abarca solo el ${dialogue}. Su calendario de todos los diálogos, si lo tiene, es aparte y sigue funcionando.`,
    legacyKept:
      'Su dirección anterior se creó antes de que las direcciones pudieran mostrarse de nuevo; sigue funcionando, y esta muestra el mismo calendario.',
    refresh:
      'Las aplicaciones de calendario lo consultan a su ritmo: los cambios pueden tardar de una hora (Apple, Outlook) a un día (Google) en verse.',
    resetHint: (command) =>
      `Suscribirse de nuevo siempre muestra esta misma dirección. Si se divulgó: ${command} le da una nueva (y esta deja de funcionar).`,
    usage:
      'Uso: /dialogue subscribe [mine] — su calendario privado (“mine”: solo sus compromisos) · /dialogue subscribe reset — una dirección nueva',
  },
  reset: {
    header: '¿Restablecer el enlace de su calendario?',
    preview:
      'Al restablecerlo recibirá una dirección nueva y la actual dejará de funcionar de inmediato: los calendarios que la usan quedarán vacíos hasta que agregue la nueva. Todavía no se ha cambiado nada.',
    confirmHint: (command) => `Para continuar: ${command}`,
    button: 'Restablecer enlace…',
    confirmTitle: '¿Restablecer el enlace del calendario?',
    confirmText:
      'La dirección actual deja de funcionar de inmediato; los calendarios que la usan quedarán vacíos hasta que agregue la nueva.',
    confirmButton: 'Restablecer',
    denyButton: 'Conservarlo',
    done: 'Su calendario tiene una dirección nueva. La anterior dejó de funcionar: reemplácela en su aplicación de calendario.',
  },
  unsubscribe: {
    feedAll: 'todos los diálogos',
    feedOne: (dialogue) => `solo el ${dialogue}`,
    feedMine: (scope) => `${scope} — solo sus compromisos`,
    header: (n) => (n === 1 ? '¿Desactivar su calendario?' : `¿Desactivar ${n} calendarios?`),
    preview: (n) =>
      n === 1
        ? 'Se desactivaría este calendario: su dirección dejaría de funcionar de inmediato y los calendarios que la usan quedarían vacíos. Todavía no se ha cambiado nada.'
        : `Se desactivarían estos ${n} calendarios: sus direcciones dejarían de funcionar de inmediato y los calendarios que las usan quedarían vacíos. Todavía no se ha cambiado nada.`,
    mineToo:
      'La dirección de “solo sus compromisos” (la que termina en ?mine=1) es el mismo calendario: también se desactivaría.',
    undoable: 'Podrá deshacerlo durante 24 horas: las mismas direcciones volverán a funcionar.',
    confirmHint: (command, button) =>
      button ? `Pulse Confirmar, o escriba: ${command}` : `Para continuar: ${command} (o agregue --yes)`,
    button: 'Confirmar',
    keptHeader: 'Estos seguirán funcionando:',
    stillHeader: 'Siguen funcionando:',
    done: (n) =>
      n === 1
        ? 'Su calendario quedó desactivado: su dirección ya no funciona.'
        : `${n} calendarios quedaron desactivados: sus direcciones ya no funcionan.`,
    undoHint: (command, button) =>
      `¿Cambió de opinión? ${button ? `Pulse Deshacer, o escriba ${command},` : command} dentro de las próximas 24 horas: volverán las mismas direcciones, de modo que los calendarios que aún las tienen funcionarán de nuevo.`,
    undoButton: 'Deshacer',
    noneLeft: 'No queda nada por desactivar: no tiene ningún calendario. No cambió nada.',
    noneOf: (scope) => `No queda nada por desactivar: no tiene ningún calendario de “${scope}”. No cambió nada.`,
    yours: 'Sus calendarios (cada uno con la instrucción que lo desactiva):',
    restored: (n, change) =>
      n === 1
        ? `Deshecho: se revirtió el cambio n.º ${change}. Su calendario vuelve a funcionar, con la misma dirección.`
        : `Deshecho: se revirtió el cambio n.º ${change}. ${n} calendarios vuelven a funcionar, con las mismas direcciones.`,
    restoredNone: (change) =>
      `El cambio n.º ${change} quedó deshecho, pero ninguno de sus calendarios pudo restablecerse: cambiaron desde entonces.`,
    usage:
      'Uso: /dialogue unsubscribe [all|mine] [--dialogue <id>] — muestra qué calendario se desactivaría; agregue “confirmar” para desactivarlo · /dialogue unsubscribe deshacer #N — restablecerlo',
  },
  cli: {
    usage: `Uso: dialogue-bot feed --user U… [--reset] [--mine] [--lang en|es] [--dialogue id]

Muestra la URL del calendario privado del usuario: la dirección que ya tiene
(sin cambios, así que los calendarios que la usan siguen funcionando), o una
nueva si no tiene ninguna. Sin --dialogue es el calendario de todos los
diálogos; con él, el de ese diálogo (otra dirección). --mine: solo los
compromisos a su cargo (el mismo calendario, con la URL terminada en ?mine=1).
--reset: una dirección NUEVA; la anterior deja de funcionar de inmediato.`,
    existing: (user) => `Calendario de ${user}: su dirección actual (sin cambios).`,
    created: (user) => `Calendario nuevo creado para ${user}.`,
    rotated: (user, n) =>
      `Dirección nueva para ${user}; ${n === 1 ? 'la dirección anterior dejó' : `${n} direcciones anteriores dejaron`} de funcionar.`,
    legacyKept: 'Su dirección anterior (creada antes de que se guardaran las direcciones) también sigue funcionando.',
    https: 'https:',
    webcal: 'webcal:',
    badUser: (user) => `--user: no es un ID de usuario de Slack: "${user}"`,
    needUser: 'Falta --user U…',
    badLang: (lang) => `--lang: use en o es, no "${lang}"`,
    badDialogue: (id, have) => `--dialogue: no existe el diálogo "${id}" (hay: ${have})`,
  },
};
