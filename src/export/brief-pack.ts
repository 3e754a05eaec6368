import { DateTime } from 'luxon';
import { type CycleEntry, roundLabel } from '../domain/cycle.js';
import type { Lang } from '../domain/types.js';
import { describeEntry, hostName } from '../i18n/describe.js';
import { capitalise, formatDate, formatDateTime, messages, pick } from '../i18n/index.js';
import { briefTotals, changeText, roundChangeText } from '../presentation/brief.js';
import { commitmentTitle } from '../presentation/commitments.js';
import { richText } from '../presentation/reply.js';
import type { Brief } from '../services/brief.service.js';

/**
 * The briefing pack: what a desk officer pastes into a ministerial brief. One
 * model (built from the pre-dialogue brief and the cycle) written two ways:
 * a Word document (docx) and Markdown, in the reader's language.
 */

export const BRIEF_FORMATS = ['docx', 'md'] as const;

export interface BriefPack {
  /** The next round, the one the pack prepares, as people number it (`roundLabel`, as chat says it). */
  readonly round: number;
  readonly title: string;
  readonly dialogue: string;
  readonly prepared: string;
  readonly nextTitle: string;
  readonly next: string;
  readonly summary: string;
  readonly cycleTitle: string;
  readonly cycle: readonly string[];
  readonly commitmentsTitle: string;
  readonly columns: readonly string[];
  /** One row per commitment: ID, title, status, owners, due, progress lines. */
  readonly rows: readonly (readonly [string, string, string, string, string, readonly string[]])[];
  readonly none: string | null;
  readonly roundChangesTitle: string | null;
  readonly roundChanges: readonly string[];
}

const at = (iso: string, zone: string, lang: Lang) => formatDateTime(DateTime.fromISO(iso), zone, lang);

export function buildBriefPack(brief: Brief, cycle: readonly CycleEntry[], lang: Lang, now: Date): BriefPack {
  const t = messages(lang);
  const b = t.slack.brief;
  const p = t.export.pack;
  const { dialogue, next, lastHeld } = brief;
  const zone = dialogue.timezone;
  // A round is named as chat names it (`roundLabel`: its number as the governments count it), a
  // person by their Slack display name (a document cannot show a mention), else as @ID.
  const since = lastHeld?.date != null ? b.since(roundLabel(lastHeld), formatDate(lastHeld.date, lang)) : b.sinceStart;
  const person = (id: string) => brief.names.get(id) ?? `@${id}`;
  const { counts, changed } = briefTotals(brief, lang);
  const entryLine = (e: CycleEntry) =>
    `${t.round(roundLabel(e))} · ${capitalise(hostName(dialogue, e, lang))} · ${describeEntry(dialogue, e, lang)}`;
  const rows = brief.items.map((item) => {
    const c = item.commitment;
    const owners = dialogue.parties
      .map((party) => {
        const owner = c.owners[party.code];
        return `${capitalise(party.name[lang])}: ${owner ? person(owner) : t.commitments.nobody}`;
      })
      .join('; ');
    const progress =
      item.changes.length === 0
        ? [b.unchanged]
        : item.changes.map(
            (e) => `${at(e.at, zone, lang)} ${person(e.actor)}: ${richText(changeText(e, lang, person))}`,
          );
    const note = item.lastNote
      ? [
          p.lastNote(
            formatDate(item.lastNote.at.slice(0, 10), lang),
            person(item.lastNote.actor),
            item.lastNote.note ?? '',
          ),
        ]
      : [];
    return [
      c.id,
      commitmentTitle(c, lang),
      capitalise(t.status[c.status]),
      owners,
      c.dueDate ? formatDate(c.dueDate, lang) : p.noDue,
      [...progress, ...note],
    ] as const;
  });
  const roundChanges = brief.roundChanges.map((e) => {
    const what = roundChangeText(e, lang);
    return `${t.round(roundLabel(e))} · ${at(e.at, zone, lang)} ${person(e.actor)} · ${what}${e.note ? ` · “${e.note}”` : ''}`;
  });
  return {
    round: roundLabel(next),
    title: p.title(roundLabel(next)),
    dialogue: pick(dialogue.name, lang),
    prepared: p.prepared(formatDate(DateTime.fromJSDate(now).setZone(zone).toISODate() as string, lang)),
    nextTitle: p.nextTitle,
    next: entryLine(next),
    summary: `${since} · ${b.counts(brief.items.length, counts || '0')} · ${b.changeCount(changed)}`,
    cycleTitle: p.cycleTitle,
    cycle: cycle.map(entryLine),
    commitmentsTitle: p.commitmentsTitle,
    columns: p.columns,
    rows,
    none: rows.length === 0 ? b.none : null,
    roundChangesTitle:
      roundChanges.length > 0 ? `${p.roundChangesTitle} ${lastHeld ? t.round(roundLabel(lastHeld)) : ''}`.trim() : null,
    roundChanges,
  };
}

/** The pack as a Word document. docx loads on first use: most runs of the app never write one. */
export async function briefPackDocx(pack: BriefPack, lang: Lang): Promise<Buffer> {
  const {
    AlignmentType,
    BorderStyle,
    Document,
    HeadingLevel,
    Packer,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = await import('docx');
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: thin, bottom: thin, left: thin, right: thin };
  const cell = (lines: readonly string[], bold = false) =>
    new TableCell({
      borders,
      children: lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
    });
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: pack.columns.map((c) => cell([c], true)) }),
      ...pack.rows.map(
        ([id, title, status, owners, due, progress]) =>
          new TableRow({
            children: [cell([id], true), cell([title]), cell([status]), cell([owners]), cell([due]), cell(progress)],
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'Dialogue Tracker',
    title: `${pack.title} · ${pack.dialogue}`,
    // The document's proofing language, so Word checks Spanish as Mexican Spanish.
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: lang === 'es' ? 'es-MX' : 'en-GB' } } },
      },
    },
    sections: [
      {
        properties: {},
        children: [
          new Paragraph({ text: pack.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun({ text: pack.dialogue, bold: true })] }),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: [new TextRun({ text: pack.prepared, italics: true })],
          }),
          heading(pack.nextTitle),
          new Paragraph({ text: pack.next }),
          new Paragraph({ text: pack.summary }),
          heading(pack.cycleTitle),
          ...pack.cycle.map((line) => new Paragraph({ text: line, bullet: { level: 0 } })),
          heading(pack.commitmentsTitle),
          pack.none ? new Paragraph({ text: pack.none }) : table,
          ...(pack.roundChangesTitle
            ? [
                heading(pack.roundChangesTitle),
                ...pack.roundChanges.map((l) => new Paragraph({ text: l, bullet: { level: 0 } })),
              ]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function mdCell(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** The pack as Markdown. */
export function briefPackMarkdown(pack: BriefPack): string {
  const out = [
    `# ${pack.title} · ${pack.dialogue}`,
    '',
    `_${pack.prepared}_`,
    '',
    `## ${pack.nextTitle}`,
    '',
    pack.next,
    '',
    pack.summary,
    '',
    `## ${pack.cycleTitle}`,
    '',
    ...pack.cycle.map((l) => `- ${l}`),
    '',
    `## ${pack.commitmentsTitle}`,
    '',
  ];
  if (pack.none) out.push(pack.none);
  else {
    out.push(`| ${pack.columns.map(mdCell).join(' | ')} |`, `|${pack.columns.map(() => ' --- ').join('|')}|`);
    for (const [id, title, status, owners, due, progress] of pack.rows)
      out.push(`| ${[id, title, status, owners, due, progress.join('\n')].map(mdCell).join(' | ')} |`);
  }
  if (pack.roundChangesTitle)
    out.push('', `## ${pack.roundChangesTitle}`, '', ...pack.roundChanges.map((l) => `- ${l}`));
  return `${out.join('\n')}\n`;
}
