/**
 * Strings of the dialogue's web page and of `/dialogue page` (issue 18).
 * `es` must have exactly these keys (checked by tsc).
 */
export const en = {
  web: {
    title: (dialogue: string) => `${dialogue} — where the dialogue stands`,
    lastChanged: (when: string) => `Last changed ${when}.`,
    neverChanged: 'Nothing has been changed since the record was set up.',
    asOf: (when: string) => `As of ${when}.`,
    language: 'Language',
    viewer: 'A read-only view shared by the team that runs the dialogue. Slack names and internal notes are not shown.',
    viewerWithNotes: 'A read-only view shared by the team that runs the dialogue, with its internal notes.',
    privateView: 'Your private view of the dialogue. Do not pass this address on: ask an editor for a viewer address.',
    contents: 'On this page',
    next: 'Next round',
    timeline: 'Rounds',
    progress: 'Progress',
    commitments: 'Commitments',
    round: (n: number) => `Round ${n}`,
    cancelledMeeting: 'Cancelled meeting',
    host: (host: string) => `Host: ${host}`,
    venue: (city: string) => `Venue: ${city}`,
    inCapitals: 'Time in both capitals',
    noRounds: 'No rounds recorded yet.',
    statusChart: 'Commitments by status over time',
    statusChartSummary: (from: string, to: string, counts: string) => `From ${from} to ${to}. Now: ${counts}.`,
    statusChartEmpty: 'No commitments recorded yet.',
    dueChart: 'Open commitments by due date',
    dueChartSummary: (counts: string) => `${counts}.`,
    overdue: 'Overdue',
    dueSoon: (days: number) => `Due within ${days} days`,
    dueLater: 'Due later',
    noDueDate: 'No due date',
    asTable: 'The figures as a table',
    month: 'Month',
    count: (n: number, what: string) => `${n} ${what}`,
    filters: 'Show',
    theme: 'Theme',
    side: 'Owner for',
    everything: 'All',
    showing: (shown: number, total: number) =>
      shown === total ? `All ${total} commitments.` : `${shown} of ${total} commitments.`,
    noneMatch: 'No commitment matches these filters.',
    unknownTheme: (asked: string, themes: string) =>
      `This dialogue has no theme “${asked}”, so every commitment is shown.${themes ? ` Its themes: ${themes}.` : ''}`,
    unknownSide: (asked: string, sides: string) =>
      `“${asked}” is not a side of this dialogue, so every commitment is shown. Its sides: ${sides}.`,
    owner: (side: string) => `Owner for ${side}`,
    nobody: 'nobody yet',
    assigned: 'assigned',
    due: (date: string) => `Due ${date}`,
    noDue: 'No due date',
    lastNote: 'Latest note',
    details: (id: string) => `Full record of ${id}`,
    back: 'Back to the whole dialogue',
    history: 'History',
    historyNone: 'No changes recorded yet.',
    by: (who: string) => `by ${who}`,
    source: 'Source',
    statementWords: 'In the statement’s words',
    agreedAt: (n: number) => `Agreed at round ${n}`,
    addedByHand: 'Added between rounds',
    withdrawn: '(withdrawn)',
    undo: (n: number) => `undo of change #${n}`,
    printed: (when: string) => `Printed from Dialogue Tracker, ${when}.`,
  },
  command: {
    header: 'The dialogue’s page',
    private: (dialogue: string) =>
      `Your private page for ${dialogue}: the timeline, progress charts and every commitment, in English or Spanish, printable. Anyone with the address can read it, so keep it to yourself.`,
    existing: 'This is the same address as before.',
    created: 'This is a new address.',
    reset: 'Your page has a new address. The old one has stopped working.',
    nothingToReset: 'You had no address for this page yet, so none has stopped working. This is your first one.',
    resetHint: (command: string) => `If it leaked: ${command} gives a new one (this one then stops working).`,
    shareHint: (command: string) => `For people outside Slack, an editor can make a viewer address: ${command}.`,
    viewerHeader: (label: string) => `Viewer address “${label}”`,
    viewerCreated: (label: string, dialogue: string) =>
      `A viewer address “${label}” for ${dialogue}: hand it to the people who should read the page. It works until it is revoked.`,
    viewerExisting: (label: string) => `The viewer address “${label}” already exists; here it is again.`,
    viewerNotes: (withNotes: boolean): string =>
      withNotes
        ? 'It shows Slack names and internal notes.'
        : 'It hides Slack names and internal notes (add --with-notes to make one that shows them).',
    revokeHint: (command: string) => `To take it back: ${command}.`,
    revoked: (label: string) => `The viewer address “${label}” has stopped working.`,
    noSuchLabel: (label: string, command: string) =>
      `There is no live viewer address “${label}”. ${command} lists them.`,
    linksHeader: (dialogue: string) => `Viewer addresses · ${dialogue}`,
    linksNone: (command: string) => `No viewer address is live. ${command} makes one.`,
    linkLine: (label: string, who: string, date: string, withNotes: boolean) =>
      `${label} · made by ${who} on ${date}${withNotes ? ' · with notes' : ''}`,
    linksFooter: (show: string, revoke: string) => `${show} shows an address again; ${revoke} stops it.`,
    badLabel: 'A label is 1 to 40 letters, digits, dots, dashes or underscores, e.g. “minister” or “embassy-london”.',
    usage:
      'Usage: /dialogue page — your private page · /dialogue page share <label> [--with-notes] — a viewer address (editors) · /dialogue page links · /dialogue page revoke <label> · /dialogue page reset',
    undone: (what: string) => `${what} is back as it was.`,
    privateLink: 'Your private page address',
    viewerLink: (label: string) => `The viewer address “${label}”`,
  },
  cli: {
    usage: `Usage: dialogue-bot page --user U… [--share LABEL] [--with-notes] [--dialogue id]

Prints a link to the dialogue's read-only web page. Without --share it is the
user's private link (the one they have, unchanged; created when they have
none). --share LABEL makes (or shows again) a viewer link under that label,
for people outside Slack; the user must be an editor. Viewer links hide Slack
names and internal notes unless --with-notes is given.`,
    needUser: '--user U… is required',
    badUser: (user: string) => `--user: not a Slack user ID: "${user}"`,
    badDialogue: (id: string, have: string) => `--dialogue: no dialogue "${id}" (have: ${have})`,
  },
};

export type PageMessages = typeof en;

export const es: PageMessages = {
  web: {
    title: (dialogue) => `${dialogue}: estado del diálogo`,
    lastChanged: (when) => `Último cambio: ${when}.`,
    neverChanged: 'No ha habido cambios desde que se creó el registro.',
    asOf: (when) => `Al ${when}.`,
    language: 'Idioma',
    viewer:
      'Vista de solo lectura compartida por el equipo que lleva el diálogo. No se muestran nombres de Slack ni notas internas.',
    viewerWithNotes: 'Vista de solo lectura compartida por el equipo que lleva el diálogo, con sus notas internas.',
    privateView:
      'Su vista privada del diálogo. No comparta esta dirección: pida a un editor una dirección de consulta.',
    contents: 'En esta página',
    next: 'Próxima ronda',
    timeline: 'Rondas',
    progress: 'Avance',
    commitments: 'Compromisos',
    round: (n) => `Ronda ${n}`,
    cancelledMeeting: 'Reunión cancelada',
    host: (host) => `Sede: ${host}`,
    venue: (city) => `Lugar: ${city}`,
    inCapitals: 'Hora en ambas capitales',
    noRounds: 'Aún no hay rondas registradas.',
    statusChart: 'Compromisos por estado a lo largo del tiempo',
    statusChartSummary: (from, to, counts) => `Del ${from} al ${to}. Ahora: ${counts}.`,
    statusChartEmpty: 'Aún no hay compromisos registrados.',
    dueChart: 'Compromisos pendientes por fecha límite',
    dueChartSummary: (counts) => `${counts}.`,
    overdue: 'Vencidos',
    dueSoon: (days) => `Vencen en los próximos ${days} días`,
    dueLater: 'Vencen más adelante',
    noDueDate: 'Sin fecha límite',
    asTable: 'Las cifras en una tabla',
    month: 'Mes',
    count: (n, what) => `${n} ${what}`,
    filters: 'Mostrar',
    theme: 'Tema',
    side: 'Responsable por',
    everything: 'Todos',
    showing: (shown, total) => (shown === total ? `Los ${total} compromisos.` : `${shown} de ${total} compromisos.`),
    noneMatch: 'Ningún compromiso coincide con estos filtros.',
    unknownTheme: (asked, themes) =>
      `Este diálogo no tiene ningún tema “${asked}”, por lo que se muestran todos los compromisos.${themes ? ` Sus temas: ${themes}.` : ''}`,
    unknownSide: (asked, sides) =>
      `“${asked}” no es una de las partes de este diálogo, por lo que se muestran todos los compromisos. Sus partes: ${sides}.`,
    owner: (side) => `Responsable por ${side}`,
    nobody: 'nadie todavía',
    assigned: 'asignado',
    due: (date) => `Vence el ${date}`,
    noDue: 'Sin fecha límite',
    lastNote: 'Nota más reciente',
    details: (id) => `Registro completo de ${id}`,
    back: 'Volver a todo el diálogo',
    history: 'Historial',
    historyNone: 'Aún no hay cambios registrados.',
    by: (who) => `por ${who}`,
    source: 'Fuente',
    statementWords: 'En palabras de la declaración',
    agreedAt: (n) => `Acordado en la ronda ${n}`,
    addedByHand: 'Agregado entre rondas',
    withdrawn: '(retirada)',
    undo: (n) => `se deshizo el cambio n.º ${n}`,
    printed: (when) => `Impreso desde Dialogue Tracker, ${when}.`,
  },
  command: {
    header: 'La página del diálogo',
    private: (dialogue) =>
      `Su página privada del ${dialogue}: la cronología, las gráficas de avance y todos los compromisos, en español o en inglés, lista para imprimir. Quien tenga la dirección puede leerla, así que no la comparta.`,
    existing: 'Es la misma dirección de antes.',
    created: 'Es una dirección nueva.',
    reset: 'Su página tiene una dirección nueva. La anterior dejó de funcionar.',
    nothingToReset:
      'Aún no tenía una dirección para esta página, así que ninguna dejó de funcionar. Esta es la primera.',
    resetHint: (command) => `Si se divulgó: ${command} le da una nueva (y esta deja de funcionar).`,
    shareHint: (command) =>
      `Para personas fuera de Slack, un editor puede crear una dirección de consulta: ${command}.`,
    viewerHeader: (label) => `Dirección de consulta “${label}”`,
    viewerCreated: (label, dialogue) =>
      `Una dirección de consulta “${label}” del ${dialogue}: entréguela a quienes deban leer la página. Funciona hasta que se revoque.`,
    viewerExisting: (label) => `La dirección de consulta “${label}” ya existe; aquí está de nuevo.`,
    viewerNotes: (withNotes) =>
      withNotes
        ? 'Muestra los nombres de Slack y las notas internas.'
        : 'Oculta los nombres de Slack y las notas internas (con --with-notes se crea una que los muestra).',
    revokeHint: (command) => `Para retirarla: ${command}.`,
    revoked: (label) => `La dirección de consulta “${label}” dejó de funcionar.`,
    noSuchLabel: (label, command) => `No hay ninguna dirección de consulta vigente “${label}”. ${command} las enumera.`,
    linksHeader: (dialogue) => `Direcciones de consulta · ${dialogue}`,
    linksNone: (command) => `No hay ninguna dirección de consulta vigente. ${command} crea una.`,
    linkLine: (label, who, date, withNotes) =>
      `${label} · creada por ${who} el ${date}${withNotes ? ' · con notas' : ''}`,
    linksFooter: (show, revoke) => `${show} vuelve a mostrar una dirección; ${revoke} la anula.`,
    badLabel:
      'Una etiqueta tiene de 1 a 40 letras, dígitos, puntos, guiones o guiones bajos, por ejemplo “ministro” o “embajada-londres”.',
    usage:
      'Uso: /dialogue page — su página privada · /dialogue page share <etiqueta> [--with-notes] — una dirección de consulta (editores) · /dialogue page links · /dialogue page revoke <etiqueta> · /dialogue page reset',
    undone: (what) => `${what} volvió a quedar como estaba.`,
    privateLink: 'La dirección de su página privada',
    viewerLink: (label) => `La dirección de consulta “${label}”`,
  },
  cli: {
    usage: `Uso: dialogue-bot page --user U… [--share ETIQUETA] [--with-notes] [--dialogue id]

Muestra una dirección de la página web de solo lectura del diálogo. Sin
--share es la dirección privada del usuario (la que ya tiene, sin cambios; se
crea si no tiene ninguna). --share ETIQUETA crea (o vuelve a mostrar) una
dirección de consulta con esa etiqueta, para personas fuera de Slack; el
usuario debe ser editor. Las direcciones de consulta ocultan los nombres de
Slack y las notas internas, salvo con --with-notes.`,
    needUser: 'Falta --user U…',
    badUser: (user) => `--user: no es un ID de usuario de Slack: "${user}"`,
    badDialogue: (id, have) => `--dialogue: no existe el diálogo "${id}" (hay: ${have})`,
  },
};
