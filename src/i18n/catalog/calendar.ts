/** Strings of the calendar area. `es` must have exactly these keys (checked by tsc). */
export const en = {
  feed: {
    /** Calendar name when a feed covers several dialogues. */
    name: 'Dialogue Tracker',
    round: (n: number, dialogue: string) => `Round ${n} · ${dialogue}`,
    tbc: '(date to be confirmed)',
    postponed: '(postponed)',
    cancelled: '(cancelled)',
    host: (host: string) => `Host: ${host}`,
    state: (state: string) => `Status: ${state}`,
    when: (when: string) => `When: ${when}`,
    venue: (city: string) => `Venue: ${city}`,
    reason: (reason: string) => `Reason: ${reason}`,
    expected: (host: string, year: number) =>
      `Expected in ${host} in ${year}; the date is not fixed yet. Shown on the anniversary of the last round until it is.`,
    postponedNote: 'Postponed: a new date will replace this one.',
    cancelledNote: 'This round was cancelled.',
    due: (id: string, title: string) => `Due: ${id} · ${title}`,
    done: '(done)',
    dropped: '(dropped)',
    id: (id: string) => `ID: ${id}`,
    owners: (list: string) => `Owners: ${list}`,
    owner: (side: string, user: string) => `${side}: @${user}`,
    nobody: 'nobody yet',
    agreedAt: (n: number) => `Agreed at round ${n}`,
    paragraph: (p: string) => `paragraph ${p}`,
    addedByHand: 'Added between rounds',
    text: (text: string) => `In the statement’s words: ${text}`,
  },
  subscribe: {
    header: 'Your private calendar feed',
    intro:
      'Add this address to your calendar app. It is private to you: anyone who has it can read the feed, so do not share it.',
    https: 'Feed address',
    webcal: 'webcal address',
    google: 'Google Calendar (web): Other calendars → + → From URL → paste the feed address.',
    outlook: 'Outlook: Add calendar → Subscribe from web → paste the feed address.',
    apple: 'Apple Calendar: open the webcal address, or File → New Calendar Subscription and paste it.',
    mine: 'Only the commitments you own are in it (subscribe without “mine” for all of them).',
    all: 'Every round and every commitment with a due date is in it (“/dialogue subscribe mine” for only yours).',
    rotated: 'Your previous feed address has stopped working.',
    refresh:
      'Calendar apps fetch it on their own schedule: changes can take from an hour (Apple, Outlook) to a day (Google) to show.',
    usage: 'Usage: /dialogue subscribe [mine] — your private calendar feed (“mine”: only your commitments)',
  },
  unsubscribe: {
    done: 'Your calendar feed is switched off: its address no longer works. Remove the calendar from your app too.',
    none: 'You have no calendar feed to switch off.',
    usage: 'Usage: /dialogue unsubscribe',
  },
  cli: {
    usage: `Usage: dialogue-bot feed --user U… [--mine] [--lang en|es] [--dialogue id]

Prints the user's private calendar feed URL. Only a hash of each feed token
is stored, so an existing URL cannot be printed again: this CREATES A NEW
TOKEN and revokes the user's previous one (their old URL stops working),
exactly like /dialogue subscribe. --mine: only the commitments they own.`,
    created: (user: string) => `New feed token created for ${user}.`,
    rotated: (user: string, n: number) =>
      `New feed token created for ${user}; ${n === 1 ? 'their previous feed URL was' : `${n} previous feed URLs were`} revoked (tokens are stored only as hashes, so an old URL cannot be shown again).`,
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
    tbc: '(fecha por confirmar)',
    postponed: '(aplazada)',
    cancelled: '(cancelada)',
    host: (host) => `Sede: ${host}`,
    state: (state) => `Estado: ${state}`,
    when: (when) => `Cuándo: ${when}`,
    venue: (city) => `Lugar: ${city}`,
    reason: (reason) => `Motivo: ${reason}`,
    expected: (host, year) =>
      `Prevista en ${host} en ${year}; la fecha aún no está fijada. Se muestra en el aniversario de la última ronda hasta que lo esté.`,
    postponedNote: 'Aplazada: una nueva fecha sustituirá a esta.',
    cancelledNote: 'Esta ronda se canceló.',
    due: (id, title) => `Vence: ${id} · ${title}`,
    done: '(cumplido)',
    dropped: '(descartado)',
    id: (id) => `ID: ${id}`,
    owners: (list) => `Responsables: ${list}`,
    owner: (side, user) => `${side}: @${user}`,
    nobody: 'nadie todavía',
    agreedAt: (n) => `Acordado en la ronda ${n}`,
    paragraph: (p) => `párrafo ${p}`,
    addedByHand: 'Agregado entre rondas',
    text: (text) => `En palabras de la declaración: ${text}`,
  },
  subscribe: {
    header: 'Su calendario privado',
    intro:
      'Agregue esta dirección a su aplicación de calendario. Es solo para usted: quien la tenga puede leer el calendario, así que no la comparta.',
    https: 'Dirección del calendario',
    webcal: 'Dirección webcal',
    google: 'Google Calendar (web): Otros calendarios → + → Desde URL → pegue la dirección del calendario.',
    outlook: 'Outlook: Agregar calendario → Suscribirse desde la web → pegue la dirección del calendario.',
    apple: 'Calendario de Apple: abra la dirección webcal, o Archivo → Nueva suscripción a calendario y péguela.',
    mine: 'Solo incluye los compromisos de los que usted es responsable (suscríbase sin “mine” para verlos todos).',
    all: 'Incluye todas las rondas y todos los compromisos con fecha límite (“/dialogue subscribe mine” para solo los suyos).',
    rotated: 'Su dirección anterior ha dejado de funcionar.',
    refresh:
      'Las aplicaciones de calendario lo consultan a su ritmo: los cambios pueden tardar de una hora (Apple, Outlook) a un día (Google) en verse.',
    usage: 'Uso: /dialogue subscribe [mine] — su calendario privado (“mine”: solo sus compromisos)',
  },
  unsubscribe: {
    done: 'Su calendario está desactivado: su dirección ya no funciona. Quítelo también de su aplicación.',
    none: 'No tiene ningún calendario que desactivar.',
    usage: 'Uso: /dialogue unsubscribe',
  },
  cli: {
    usage: `Uso: dialogue-bot feed --user U… [--mine] [--lang en|es] [--dialogue id]

Muestra la URL del calendario privado del usuario. Solo se guarda un hash de
cada token, así que una URL existente no puede mostrarse de nuevo: esto CREA
UN TOKEN NUEVO y revoca el anterior (la URL antigua deja de funcionar), igual
que /dialogue subscribe. --mine: solo los compromisos de los que es responsable.`,
    created: (user) => `Token de calendario nuevo creado para ${user}.`,
    rotated: (user, n) =>
      `Token de calendario nuevo creado para ${user}; ${n === 1 ? 'su URL anterior fue revocada' : `${n} URL anteriores fueron revocadas`} (los tokens se guardan solo como hash, así que una URL antigua no puede mostrarse de nuevo).`,
    https: 'https:',
    webcal: 'webcal:',
    badUser: (user) => `--user: no es un ID de usuario de Slack: "${user}"`,
    needUser: 'Falta --user U…',
    badLang: (lang) => `--lang: use en o es, no "${lang}"`,
    badDialogue: (id, have) => `--dialogue: no existe el diálogo "${id}" (hay: ${have})`,
  },
};
