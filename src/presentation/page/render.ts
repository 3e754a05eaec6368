import { DateTime } from 'luxon';
import {
  type Commitment,
  type CommitmentStatus,
  commitmentTextFor,
  isOpenCommitment,
} from '../../domain/commitments.js';
import type { CycleEntry } from '../../domain/cycle.js';
import { localDate } from '../../domain/dates.js';
import { type Dialogue, LANGS, type Lang, type Party, partyByCode, partyByWord } from '../../domain/types.js';
import { cityName, daysUntil, describeWhen, hostName } from '../../i18n/describe.js';
import { capitalise, formatDate, formatDateTime, messages } from '../../i18n/index.js';
import { parseTheme, themeName } from '../../i18n/typed.js';
import { type ChartCommitment, dueChartSvg, dueCounts, statusChartSvg, statusSeries } from './charts.js';
import { esc, queryHref } from './html.js';
import { PAGE_CSS } from './style.js';

/** One audited change to a round or a commitment, as the page shows history, notes and charts. */
export interface PageEvent {
  readonly entity: 'round' | 'commitment';
  readonly entityId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly field: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly note: string | null;
  /** The change was undone later (a withdrawn note, a reverted field). */
  readonly undone: boolean;
  /** For an undo: the change it reversed. */
  readonly reverses: number | null;
}

/** Everything the page shows, read at one store revision. */
export interface PageModel {
  readonly dialogue: Dialogue;
  readonly entries: readonly CycleEntry[];
  readonly commitments: readonly Commitment[];
  /** Slack display names by user ID (kept from Slack). */
  readonly names: ReadonlyMap<string, string>;
  /** Every audited change to the dialogue's rounds and commitments, oldest first. */
  readonly events: readonly PageEvent[];
  readonly now: Date;
}

/** Who is looking, and what they asked for (the query string). */
export interface PageView {
  readonly lang: Lang;
  /** Slack IDs and internal notes are shown (a private link, or a viewer link made `--with-notes`). */
  readonly internal: boolean;
  readonly kind: 'private' | 'viewer';
  readonly theme: string | null;
  /** A side as typed in the link (`mx`, `México`); the page reads it as the slash commands read a side. */
  readonly side: string | null;
  /** One commitment's own page. */
  readonly commitment: string | null;
}

/** Open commitments due within this many days count as "due soon". */
export const DUE_SOON_DAYS = 30;

const GROUPS: readonly CommitmentStatus[] = ['in-progress', 'not-started', 'done', 'dropped'];

function title(c: Commitment, lang: Lang): string {
  if (c.summary?.[lang]) return c.summary[lang];
  const { text, foreign } = commitmentTextFor(c, lang);
  return foreign ? messages(lang).import.foreignText(text, foreign) : text;
}

function person(model: PageModel, view: PageView, userId: string): string | null {
  const name = model.names.get(userId);
  if (name) return name;
  return view.internal ? `@${userId}` : null;
}

/** The query of the current view, with some parameters changed. */
function href(view: PageView, change: Partial<Record<'lang' | 'theme' | 'side' | 'c', string | null>>): string {
  return queryHref({ lang: view.lang, theme: view.theme, side: view.side, c: view.commitment, ...change });
}

function sideParty(model: PageModel, view: PageView): Party | null {
  return view.side ? (partyByWord(model.dialogue, view.side) ?? null) : null;
}

function sideWord(p: Party): string {
  return (p.aliases[0] ?? p.code).toLowerCase();
}

function chartItems(model: PageModel): ChartCommitment[] {
  const roundDates = new Map<number, string>();
  for (const e of model.entries) if (e.date && e.state === 'held') roundDates.set(e.edition, e.date);
  const zone = model.dialogue.timezone;
  const changes = new Map<string, { on: string; from: string | null; to: string | null }[]>();
  for (const e of model.events) {
    if (e.entity !== 'commitment' || e.field !== 'status') continue;
    const list = changes.get(e.entityId) ?? [];
    list.push({ on: localDate(new Date(e.at), zone), from: e.from, to: e.to });
    changes.set(e.entityId, list);
  }
  return model.commitments.map((c) => ({
    id: c.id,
    status: c.status,
    dueDate: c.dueDate,
    since: (c.edition !== null ? roundDates.get(c.edition) : undefined) ?? localDate(new Date(c.createdAt), zone),
    changes: changes.get(c.id) ?? [],
  }));
}

function lastChanged(model: PageModel): string | null {
  let last: string | null = null;
  for (const e of model.events) if (e.action !== 'seeded' && (last === null || e.at > last)) last = e.at;
  return last;
}

function formatInstant(iso: string, model: PageModel, lang: Lang): string {
  return formatDateTime(DateTime.fromISO(iso, { zone: 'utc' }), model.dialogue.timezone, lang);
}

function document(model: PageModel, view: PageView, heading: string, body: string): string {
  const t = messages(view.lang);
  const p = t.page.web;
  const changed = lastChanged(model);
  const switcher = LANGS.map((l) => {
    const name = l === 'en' ? 'English' : 'Español';
    return l === view.lang
      ? `<li><a href="${href(view, { lang: l })}" aria-current="true" lang="${l}">${name}</a></li>`
      : `<li><a href="${href(view, { lang: l })}" lang="${l}" hreflang="${l}">${name}</a></li>`;
  }).join('');
  const notice = view.kind === 'private' ? p.privateView : view.internal ? p.viewerWithNotes : p.viewer;
  const asOf = formatInstant(model.now.toISOString(), model, view.lang);
  return (
    `<!DOCTYPE html><html lang="${view.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">` +
    // No favicon request: the page asks for nothing but itself.
    `<link rel="icon" href="data:,">` +
    `<title>${esc(heading)}</title><style>${PAGE_CSS}</style></head><body>` +
    `<header class="top"><nav class="lang" aria-label="${esc(p.language)}"><ul>${switcher}</ul></nav>` +
    `<h1>${esc(heading)}</h1>` +
    `<p class="meta">${esc(changed ? p.lastChanged(formatInstant(changed, model, view.lang)) : p.neverChanged)} ${esc(p.asOf(asOf))}</p>` +
    `<p class="notice noprint">${esc(notice)}</p></header>` +
    `<main>${body}</main>` +
    `<footer><p>${esc(p.printed(asOf))}</p></footer></body></html>`
  );
}

function timeline(model: PageModel, view: PageView, next: CycleEntry | undefined): string {
  const t = messages(view.lang);
  const p = t.page.web;
  const { dialogue } = model;
  if (model.entries.length === 0) return `<p>${esc(p.noRounds)}</p>`;
  const items = model.entries.map((e) => {
    const state = e.projected ? 'projected' : e.state;
    const name = e.number === null ? p.cancelledMeeting : p.round(e.number);
    const badge = e.projected ? t.cycle.projected : t.state[e.state];
    const lines: string[] = [];
    if (e.date) {
      const when = describeWhen(dialogue, e, view.lang);
      lines.push(e.time ? `<span title="${esc(p.inCapitals)}">${esc(when)}</span>` : esc(when));
    } else lines.push(esc(`${e.year} · ${t.cycle.dateNotFixed}`));
    lines.push(esc(p.host(hostName(dialogue, e, view.lang))));
    if (e.city) lines.push(esc(p.venue(cityName(dialogue, e.city, view.lang))));
    if (e.reason) lines.push(esc(t.next.reason(e.reason)));
    const flags = [
      e.overdue ? `<span class="badge overdue">${esc(t.cycle.overdue)}</span>` : '',
      e.awaitingOutcome ? `<span class="badge">${esc(t.cycle.awaitingOutcome)}</span>` : '',
    ].join('');
    const isNext = next !== undefined && e.edition === next.edition;
    return (
      `<li class="${state}${isNext ? ' is-next' : ''}"><span class="tl-head">${esc(name)} · ${e.year}</span>` +
      `<span class="badge">${esc(badge)}</span>${flags}<br>${lines.join('<br>')}</li>`
    );
  });
  return `<ol class="timeline">${items.join('')}</ol>`;
}

function nextBox(model: PageModel, view: PageView, next: CycleEntry | undefined): string {
  if (!next) return '';
  const t = messages(view.lang);
  const p = t.page.web;
  const host = hostName(model.dialogue, next, view.lang);
  const name = next.number === null ? p.cancelledMeeting : p.round(next.number);
  const lines: string[] = [];
  if (next.state === 'scheduled' && next.date) {
    lines.push(t.next.scheduled(describeWhen(model.dialogue, next, view.lang)));
    const days = daysUntil(next, model.now);
    if (next.awaitingOutcome) lines.push(t.next.awaitingOutcome(formatDate(next.date, view.lang)));
    else if (days !== null && days >= 0) lines.push(t.next.countdown(days));
  } else if (next.projected) lines.push(t.next.projected(host, next.year));
  else lines.push(t.next.expected(host, next.year));
  if (next.city) lines.push(p.venue(cityName(model.dialogue, next.city, view.lang)));
  const [first, ...rest] = lines;
  return (
    `<section class="next" aria-labelledby="next-h"><h2 id="next-h">${esc(p.next)}: ${esc(name)}</h2>` +
    `<p class="count">${esc(first ?? '')}</p>${rest.map((l) => `<p>${esc(l)}</p>`).join('')}</section>`
  );
}

function owners(model: PageModel, view: PageView, c: Commitment): string {
  const p = messages(view.lang).page.web;
  return model.dialogue.parties
    .map((party) => {
      const id = c.owners[party.code] ?? null;
      const who = id === null ? p.nobody : (person(model, view, id) ?? p.assigned);
      return `<dt>${esc(p.owner(party.name[view.lang]))}</dt><dd>${esc(who)}</dd>`;
    })
    .join('');
}

function lastNote(model: PageModel, c: Commitment): PageEvent | undefined {
  for (let i = model.events.length - 1; i >= 0; i--) {
    const e = model.events[i]!;
    if (e.entity === 'commitment' && e.entityId === c.id && e.note && !e.undone && e.action !== 'undo') return e;
  }
  return undefined;
}

function commitmentItem(model: PageModel, view: PageView, c: Commitment, today: string): string {
  const t = messages(view.lang);
  const p = t.page.web;
  const overdue = isOpenCommitment(c) && c.dueDate !== null && c.dueDate < today;
  const facts = [owners(model, view, c)];
  facts.push(
    `<dt>${esc(t.commitments.labels.due)}</dt><dd>${esc(c.dueDate ? formatDate(c.dueDate, view.lang) : p.noDue)}</dd>`,
  );
  facts.push(`<dt>${esc(t.commitments.labels.theme)}</dt><dd>${esc(themeName(c.theme, view.lang))}</dd>`);
  if (view.internal) {
    const note = lastNote(model, c);
    if (note?.note) {
      const who = person(model, view, note.actor);
      facts.push(
        `<dt>${esc(p.lastNote)}</dt><dd>${esc(note.note)} <span class="meta">(${esc(formatDate(note.at.slice(0, 10), view.lang))}${who ? `, ${esc(p.by(who))}` : ''})</span></dd>`,
      );
    }
  }
  return (
    `<li><div class="item-head"><span class="item-id">${esc(c.id)}</span>` +
    `<span class="badge">${esc(t.status[c.status])}</span>` +
    (overdue ? `<span class="badge overdue">${esc(p.overdue)}</span>` : '') +
    `</div><p class="item-text">${esc(title(c, view.lang))}</p><dl class="facts">${facts.join('')}</dl>` +
    `<p class="noprint"><a href="${href(view, { c: c.id })}">${esc(p.details(c.id))}</a></p></li>`
  );
}

/** The themes the dialogue's commitments have, sorted. */
function themesOf(model: PageModel): string[] {
  return [...new Set(model.commitments.map((c) => c.theme))].sort();
}

function filters(model: PageModel, view: PageView): string {
  const p = messages(view.lang).page.web;
  const themes = themesOf(model);
  const link = (label: string, change: Partial<Record<'theme' | 'side', string | null>>, current: boolean) =>
    `<li><a href="${href(view, change)}"${current ? ' aria-current="true"' : ''}>${esc(label)}</a></li>`;
  const themeLinks = [
    link(p.everything, { theme: null }, view.theme === null),
    ...themes.map((th) => link(themeName(th, view.lang), { theme: th }, view.theme === th)),
  ].join('');
  const side = sideParty(model, view);
  const sideLinks = [
    link(p.everything, { side: null }, side === null),
    ...model.dialogue.parties.map((party) =>
      link(party.name[view.lang], { side: sideWord(party) }, side?.code === party.code),
    ),
  ].join('');
  return (
    `<nav class="filters" aria-label="${esc(p.filters)}"><div class="filter"><span>${esc(p.theme)}:</span> <ul>${themeLinks}</ul></div>` +
    `<div class="filter"><span>${esc(p.side)}:</span> <ul>${sideLinks}</ul></div></nav>`
  );
}

/** What a link asked for that the dialogue does not have (named back in a notice; it filters nothing). */
interface UnknownFilters {
  readonly theme: string | null;
  readonly side: string | null;
}

function commitmentsSection(model: PageModel, view: PageView, today: string, unknown: UnknownFilters): string {
  const t = messages(view.lang);
  const p = t.page.web;
  const notices: string[] = [];
  if (unknown.theme !== null)
    notices.push(
      p.unknownTheme(
        unknown.theme,
        themesOf(model)
          .map((th) => themeName(th, view.lang))
          .join(', '),
      ),
    );
  if (unknown.side !== null)
    notices.push(
      p.unknownSide(
        unknown.side,
        model.dialogue.parties.map((party) => `${party.name[view.lang]} (${sideWord(party)})`).join(', '),
      ),
    );
  const notice = notices.map((n) => `<p class="notice" role="status">${esc(n)}</p>`).join('');
  const side = sideParty(model, view);
  const shown = model.commitments.filter(
    (c) => (view.theme === null || c.theme === view.theme) && (side === null || (c.owners[side.code] ?? null) !== null),
  );
  const groups = GROUPS.map((status) => {
    const items = shown.filter((c) => c.status === status);
    if (items.length === 0) return '';
    return (
      `<section class="group" aria-labelledby="g-${status}"><h3 id="g-${status}">${esc(capitalise(t.status[status]))} (${items.length})</h3>` +
      `<ul class="items">${items.map((c) => commitmentItem(model, view, c, today)).join('')}</ul></section>`
    );
  }).join('');
  return (
    `${notice}${filters(model, view)}<p class="meta">${esc(p.showing(shown.length, model.commitments.length))}</p>` +
    (shown.length === 0 ? `<p>${esc(p.noneMatch)}</p>` : groups)
  );
}

/**
 * The theme a link asks for, read as the slash commands read one: its key or
 * its name in either language, case and accents optional. The view then
 * carries the key (so the page's own links do); a theme the dialogue does not
 * have filters nothing and is named back in a notice.
 */
function withTheme(model: PageModel, view: PageView): { view: PageView; unknown: string | null } {
  if (view.theme === null) return { view, unknown: null };
  const theme = parseTheme(view.theme, themesOf(model));
  if (theme === null) return { view: { ...view, theme: null }, unknown: view.theme };
  return { view: theme === view.theme ? view : { ...view, theme }, unknown: null };
}

/**
 * The side a link asks for, read as the slash commands read one
 * (`partyByWord`: its code, an alias or its name in either language, case
 * and accents optional). The view then carries the side's word (so the
 * page's own links do); a side the dialogue does not have filters nothing
 * and is named back in a notice.
 */
function withSide(model: PageModel, view: PageView): { view: PageView; unknown: string | null } {
  if (view.side === null) return { view, unknown: null };
  const party = partyByWord(model.dialogue, view.side);
  if (!party) return { view: { ...view, side: null }, unknown: view.side };
  const side = sideWord(party);
  return { view: side === view.side ? view : { ...view, side }, unknown: null };
}

/** The dialogue's page: next round, timeline, charts, commitments by status (filtered by theme and side). */
export function renderDialoguePage(model: PageModel, asked: PageView): string {
  const themed = withTheme(model, asked);
  const sided = withSide(model, themed.view);
  const view = sided.view;
  const unknown: UnknownFilters = { theme: themed.unknown, side: sided.unknown };
  const t = messages(view.lang);
  const p = t.page.web;
  const today = localDate(model.now, model.dialogue.timezone);
  const next = model.entries.find((e) => e.state !== 'held' && e.state !== 'cancelled');
  const items = chartItems(model);
  const start = model.entries.find((e) => e.state === 'held' && e.date)?.date ?? null;
  const body =
    `<nav class="toc" aria-label="${esc(p.contents)}"><ul><li><a href="#timeline-h">${esc(p.timeline)}</a></li>` +
    `<li><a href="#progress-h">${esc(p.progress)}</a></li><li><a href="#commitments-h">${esc(p.commitments)}</a></li></ul></nav>` +
    nextBox(model, view, next) +
    `<section aria-labelledby="timeline-h"><h2 id="timeline-h">${esc(p.timeline)}</h2>${timeline(model, view, next)}</section>` +
    `<section aria-labelledby="progress-h"><h2 id="progress-h">${esc(p.progress)}</h2><div class="charts">` +
    `<figure><h3>${esc(p.statusChart)}</h3>${statusChartSvg(statusSeries(items, start, today), view.lang, 'chart-status')}</figure>` +
    `<figure><h3>${esc(p.dueChart)}</h3>${dueChartSvg(dueCounts(items, today, DUE_SOON_DAYS), DUE_SOON_DAYS, view.lang, 'chart-due')}</figure>` +
    `</div></section>` +
    `<section aria-labelledby="commitments-h"><h2 id="commitments-h">${esc(p.commitments)}</h2>${commitmentsSection(model, view, today, unknown)}</section>`;
  return document(model, view, p.title(model.dialogue.name[view.lang]), body);
}

function eventText(model: PageModel, view: PageView, e: PageEvent): string | null {
  const t = messages(view.lang);
  const h = t.history;
  const show = (field: string, v: string | null): string => {
    if (v === null) return '—';
    if (field === 'status' && v in t.status) return t.status[v as CommitmentStatus];
    if (field === 'due_date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, view.lang);
    if (field.startsWith('owner:')) return person(model, view, v) ?? t.page.web.assigned;
    return v;
  };
  const parts: string[] = [];
  if (e.action === 'undo' && e.reverses !== null) parts.push(t.page.web.undo(e.reverses));
  if (e.action === 'seeded') parts.push(h.seeded);
  else if (e.action === 'created') parts.push(h.created);
  if (e.field) {
    let label = e.field;
    if (e.field === 'status') label = h.fields.status;
    else if (e.field === 'due_date') label = h.fields.due_date;
    else if (e.field.startsWith('owner:')) {
      const party = partyByCode(model.dialogue, e.field.slice(6));
      label = h.fields.owner(party ? party.name[view.lang] : e.field.slice(6));
    }
    parts.push(h.change(label, show(e.field, e.from), show(e.field, e.to)));
  }
  if (e.note && view.internal) parts.push(`${h.note(e.note)}${e.undone ? ` ${t.page.web.withdrawn}` : ''}`);
  if (parts.length === 0) return null;
  return parts.join(' · ');
}

/** One commitment's own page: its full text, source, owners, due date and full history. Null: no such commitment. */
export function renderCommitmentPage(model: PageModel, view: PageView): string | null {
  const id = (view.commitment ?? '').toUpperCase();
  const c = model.commitments.find((x) => x.id.toUpperCase() === id);
  if (!c) return null;
  const t = messages(view.lang);
  const p = t.page.web;
  const today = localDate(model.now, model.dialogue.timezone);
  const overdue = isOpenCommitment(c) && c.dueDate !== null && c.dueDate < today;
  const words = commitmentTextFor(c, view.lang);
  const facts = [
    `<dt>${esc(t.commitments.labels.status)}</dt><dd>${esc(t.status[c.status])}${overdue ? ` <span class="badge overdue">${esc(p.overdue)}</span>` : ''}</dd>`,
    owners(model, view, c),
    `<dt>${esc(t.commitments.labels.due)}</dt><dd>${esc(c.dueDate ? formatDate(c.dueDate, view.lang) : p.noDue)}</dd>`,
    `<dt>${esc(t.commitments.labels.theme)}</dt><dd>${esc(themeName(c.theme, view.lang))}</dd>`,
    `<dt>${esc(t.commitments.labels.round)}</dt><dd>${esc(c.edition !== null ? p.agreedAt(c.edition) : p.addedByHand)}${c.paragraph ? ` · ¶${esc(c.paragraph)}` : ''}</dd>`,
  ];
  if (c.source?.title) {
    const src = c.source.url
      ? `<a href="${esc(c.source.url)}" rel="noreferrer noopener">${esc(c.source.title)}</a>`
      : esc(c.source.title);
    facts.push(`<dt>${esc(p.source)}</dt><dd>${src}</dd>`);
  }
  const history = model.events
    .filter((e) => e.entity === 'commitment' && e.entityId === c.id)
    .map((e) => {
      const text = eventText(model, view, e);
      if (!text) return '';
      const who = person(model, view, e.actor);
      return `<li><time datetime="${esc(e.at)}">${esc(formatInstant(e.at, model, view.lang))}</time> · ${esc(text)}${who ? ` · ${esc(p.by(who))}` : ''}</li>`;
    })
    .filter(Boolean);
  const body =
    `<p class="noprint"><a href="${href(view, { c: null })}">${esc(p.back)}</a></p>` +
    `<p class="item-text">${esc(title(c, view.lang))}</p>` +
    `<h2>${esc(p.statementWords)}</h2><blockquote${words.foreign ? ` lang="${words.foreign}"` : ''}>${esc(words.text)}</blockquote>` +
    `<dl class="facts">${facts.join('')}</dl>` +
    `<h2>${esc(p.history)}</h2>` +
    (history.length > 0 ? `<ol class="history">${history.join('')}</ol>` : `<p>${esc(p.historyNone)}</p>`);
  return document(model, view, `${c.id} · ${model.dialogue.name[view.lang]}`, body);
}

/** The page for a view: the dialogue's, or one commitment's (null when it does not exist). */
export function renderPage(model: PageModel, view: PageView): string | null {
  return view.commitment ? renderCommitmentPage(model, view) : renderDialoguePage(model, view);
}
