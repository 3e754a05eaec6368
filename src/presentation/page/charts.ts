import { COMMITMENT_STATUSES, type CommitmentStatus, isOpenCommitment } from '../../domain/commitments.js';
import { daysBetween } from '../../domain/dates.js';
import type { Lang } from '../../domain/types.js';
import { messages } from '../../i18n/index.js';
import { esc } from './html.js';

/** The statuses, bottom of the stack first. */
const STACK: readonly CommitmentStatus[] = ['done', 'in-progress', 'not-started', 'dropped'];

export const STATUS_COLOURS: Readonly<Record<CommitmentStatus, string>> = {
  done: '#1a7f37',
  'in-progress': '#0a5bb5',
  'not-started': '#afb8c1',
  dropped: '#a40e26',
};

/** One commitment as the chart needs it: since when it exists, and each status change. */
export interface ChartCommitment {
  readonly id: string;
  readonly status: CommitmentStatus;
  readonly dueDate: string | null;
  /** Local date it counts from (its round's date, else the day it was recorded). */
  readonly since: string;
  /** Status changes, oldest first (`from` → `to`, on a local date). */
  readonly changes: readonly { readonly on: string; readonly from: string | null; readonly to: string | null }[];
}

export interface StatusPoint {
  readonly on: string;
  readonly counts: Readonly<Record<CommitmentStatus, number>>;
}

const isStatus = (s: string | null): s is CommitmentStatus =>
  s !== null && (COMMITMENT_STATUSES as readonly string[]).includes(s);

/** A commitment's status on a day: the last change on or before it, else what the first change changed from. */
export function statusOn(c: ChartCommitment, day: string): CommitmentStatus | null {
  if (day < c.since) return null;
  let status: CommitmentStatus | null = null;
  for (const change of c.changes) {
    if (change.on > day) {
      if (status === null && isStatus(change.from)) status = change.from;
      break;
    }
    if (isStatus(change.to)) status = change.to;
  }
  return status ?? c.status;
}

/** First of each month from `from`'s month to `to`, and `to` itself: the days the chart samples. */
export function sampleDays(from: string, to: string): string[] {
  const days: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const months = (Number(to.slice(0, 4)) - y) * 12 + Number(to.slice(5, 7)) - m;
  // Quarterly once the span is long, so the chart stays readable and small.
  const step = months > 60 ? 3 : 1;
  days.push(from);
  for (;;) {
    m += step;
    while (m > 12) {
      m -= 12;
      y += 1;
    }
    const day = `${y}-${String(m).padStart(2, '0')}-01`;
    if (day >= to) break;
    if (day > from) days.push(day);
  }
  if (to > from) days.push(to);
  return days;
}

/** Counts by status on each sample day, from the first day any commitment counts to `today`. */
export function statusSeries(items: readonly ChartCommitment[], start: string | null, today: string): StatusPoint[] {
  if (items.length === 0) return [];
  const first = start ?? items.map((c) => c.since).sort()[0]!;
  const from = first > today ? today : first;
  return sampleDays(from, today).map((on) => {
    const counts = { 'not-started': 0, 'in-progress': 0, done: 0, dropped: 0 };
    for (const c of items) {
      const s = statusOn(c, on);
      if (s) counts[s] += 1;
    }
    return { on, counts };
  });
}

export interface DueCounts {
  readonly overdue: number;
  readonly soon: number;
  readonly later: number;
  readonly none: number;
}

/** Open commitments by due date: overdue, within `soonDays`, later, none. */
export function dueCounts(items: readonly ChartCommitment[], today: string, soonDays: number): DueCounts {
  const out = { overdue: 0, soon: 0, later: 0, none: 0 };
  for (const c of items) {
    if (!isOpenCommitment(c)) continue;
    if (!c.dueDate) out.none += 1;
    else if (c.dueDate < today) out.overdue += 1;
    else if (daysBetween(today, c.dueDate) <= soonDays) out.soon += 1;
    else out.later += 1;
  }
  return out;
}

const W = 640;
const H = 240;
const PAD = { left: 34, right: 10, top: 10, bottom: 26 };

function monthLabel(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** The stacked-area chart of commitments by status, as inline SVG with a text alternative (title, desc, table). */
export function statusChartSvg(points: readonly StatusPoint[], lang: Lang, id: string): string {
  const t = messages(lang);
  const p = t.page.web;
  if (points.length === 0) return `<p>${esc(p.statusChartEmpty)}</p>`;
  const last = points.at(-1)!;
  const total = Math.max(1, ...points.map((pt) => STACK.reduce((n, s) => n + pt.counts[s], 0)));
  const x0 = Date.parse(points[0]!.on);
  const span = Math.max(1, Date.parse(last.on) - x0);
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (on: string) => PAD.left + (points.length === 1 ? iw : ((Date.parse(on) - x0) / span) * iw);
  const y = (n: number) => PAD.top + ih - (n / total) * ih;
  const r = (n: number) => Math.round(n * 10) / 10;
  const shapes: string[] = [];
  const base = points.map(() => 0);
  for (const status of STACK) {
    const top = points.map((pt, i) => base[i]! + pt.counts[status]);
    if (top.every((v, i) => v === base[i])) continue;
    const upper = points.map((pt, i) => `${r(x(pt.on))},${r(y(top[i]!))}`);
    const lower = points.map((pt, i) => `${r(x(pt.on))},${r(y(base[i]!))}`).reverse();
    if (points.length === 1) {
      upper.unshift(`${PAD.left},${r(y(top[0]!))}`);
      lower.push(`${PAD.left},${r(y(base[0]!))}`);
    }
    shapes.push(
      `<polygon points="${[...upper, ...lower].join(' ')}" fill="${STATUS_COLOURS[status]}" stroke="#ffffff" stroke-width="0.5"/>`,
    );
    top.forEach((v, i) => {
      base[i] = v;
    });
  }
  const ticks: string[] = [];
  const step = total <= 10 ? 1 : Math.ceil(total / 5);
  for (let n = 0; n <= total; n += step)
    ticks.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${r(y(n))}" y2="${r(y(n))}" stroke="#d0d7de" stroke-width="0.5"/>` +
        `<text x="${PAD.left - 4}" y="${r(y(n)) + 4}" text-anchor="end" font-size="11" fill="#1f2328">${n}</text>`,
    );
  const labels: string[] = [];
  const every = Math.max(1, Math.ceil(points.length / 6));
  const lastX = x(last.on);
  points.forEach((pt, i) => {
    if (i % every !== 0 && i !== points.length - 1) return;
    // A label too close to the last one (which always shows) would overlap it.
    if (i !== points.length - 1 && lastX - x(pt.on) < 70) return;
    const anchor = i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
    labels.push(
      `<text x="${r(x(pt.on))}" y="${H - 8}" text-anchor="${anchor}" font-size="11" fill="#1f2328">${esc(monthLabel(pt.on, lang))}</text>`,
    );
  });
  const counts = STACK.map((s) => p.count(last.counts[s], t.status[s])).join(', ');
  const summary = p.statusChartSummary(formatDay(points[0]!.on, lang), formatDay(last.on, lang), counts);
  const legend = STACK.map(
    (s) => `<li><span class="sw sw-${s}" aria-hidden="true"></span>${esc(t.status[s])}</li>`,
  ).join('');
  const rows = points
    .map(
      (pt, i) =>
        `<tr><th scope="row">${esc(i === points.length - 1 ? formatDay(pt.on, lang) : monthLabel(pt.on, lang))}</th>${STACK.map((s) => `<td>${pt.counts[s]}</td>`).join('')}</tr>`,
    )
    .join('');
  return (
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">` +
    `<title id="${id}-t">${esc(p.statusChart)}</title><desc id="${id}-d">${esc(summary)}</desc>` +
    `${ticks.join('')}${shapes.join('')}${labels.join('')}</svg>` +
    `<ul class="legend">${legend}</ul>` +
    `<figcaption>${esc(summary)}</figcaption>` +
    `<details><summary>${esc(p.asTable)}</summary><table><thead><tr><th scope="col">${esc(p.month)}</th>` +
    `${STACK.map((s) => `<th scope="col">${esc(t.status[s])}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></details>`
  );
}

function formatDay(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** Horizontal bars: open commitments overdue, due soon, later, without a date; each bar labelled with its number. */
export function dueChartSvg(counts: DueCounts, soonDays: number, lang: Lang, id: string): string {
  const p = messages(lang).page.web;
  const bars: [string, number, string][] = [
    [p.overdue, counts.overdue, '#a40e26'],
    [p.dueSoon(soonDays), counts.soon, '#9a6700'],
    [p.dueLater, counts.later, '#0a5bb5'],
    [p.noDueDate, counts.none, '#6e7781'],
  ];
  const max = Math.max(1, ...bars.map(([, n]) => n));
  const rowH = 34;
  const h = bars.length * rowH + 8;
  const labelW = 0;
  const iw = 300 - labelW - 40;
  const parts = bars.map(([label, n, colour], i) => {
    const y = 4 + i * rowH;
    const w = Math.max(n > 0 ? 3 : 0, Math.round((n / max) * iw));
    return (
      `<text x="0" y="${y + 11}" font-size="12" fill="#1f2328">${esc(label)}</text>` +
      `<rect x="0" y="${y + 15}" width="${w}" height="12" fill="${colour}"/>` +
      `<text x="${w + 6}" y="${y + 26}" font-size="12" font-weight="700" fill="#1f2328">${n}</text>`
    );
  });
  const summary = p.dueChartSummary(bars.map(([label, n]) => `${label}: ${n}`).join('; '));
  return (
    `<svg viewBox="0 0 300 ${h}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">` +
    `<title id="${id}-t">${esc(p.dueChart)}</title><desc id="${id}-d">${esc(summary)}</desc>${parts.join('')}</svg>` +
    `<figcaption>${esc(summary)}</figcaption>`
  );
}
