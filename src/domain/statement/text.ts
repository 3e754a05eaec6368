import { LANGUAGES } from './lang/index.js';
import { findNames } from './parties.js';
import type { StatementParagraph } from './types.js';

/** One statement split into its header (title, publication line) and body paragraphs. */
export interface StatementLayout {
  readonly header: readonly string[];
  readonly paragraphs: readonly StatementParagraph[];
  /** A dateline cut from the start of the body ("London, 3 March 2025 —"). */
  readonly dateline: string | null;
}

/** Spaces of every kind become one space; line ends become `\n`. */
export function normalise(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .replace(/[ ]+$/gm, '');
}

export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const NUMBERED = /^\s*(?:\((\d{1,3})\)|(\d{1,3})[.)])\s+(\S.*)$/;

/** Words after which a full stop does not end a sentence (every language's, and a few shared ones). */
const ABBREVIATIONS = new Set([...LANGUAGES.flatMap((l) => l.abbreviations), 'mtro', 'mtra', 'lic', 'ing']);

/**
 * Sentences in order. A full stop after an initial ("O."), an abbreviation
 * ("H.E.", "Dr.") or inside "U.K." does not end a sentence.
 */
export function splitSentences(text: string): string[] {
  const flat = squash(text);
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["\u201D\u2019)]*\s+(?=["\u201C\u2018(]?[\p{Lu}\p{N}])/gu;
  for (const m of flat.matchAll(re)) {
    const end = m.index + m[0].trimEnd().length;
    const before = flat.slice(start, m.index + 1);
    const word = /(\S+)$/.exec(before)?.[1] ?? '';
    const bare = word.replace(/^[("\u201C\u2018]+/, '').replace(/\.$/, '');
    const isInitial = /^\p{Lu}$/u.test(bare);
    const isDotted = /^(?:\p{L}\.)+\p{L}?$/u.test(bare);
    if (isInitial || isDotted || ABBREVIATIONS.has(bare.toLowerCase())) continue;
    out.push(flat.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const last = flat.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** A block that reads like prose rather than a title or a label. */
function isProse(block: string): boolean {
  // "… in New Delhi. (ANI)": an agency's attribution after the last sentence.
  const flat = squash(block).replace(/\s*\((?:[\p{Lu}\p{N}][\p{L}\p{N} .-]{0,20})\)$/u, '');
  return /[.!?]["\u201D\u2019)]*$/.test(flat) && (flat.length >= 60 || /^(On|We|The|In|El|La|Los|Las|En)\b/.test(flat));
}

/**
 * Pasted without blank lines (a Slack modal, an e-mail), each line may be a
 * paragraph — but only when the long lines end their sentences; hard-wrapped
 * prose keeps its lines together.
 */
function oneParagraphPerLine(text: string): boolean {
  if (/\n\s*\n/.test(text.trim())) return false;
  const long = text.split('\n').filter((l) => l.trim().length > 60);
  if (long.length < 2) return false;
  const ended = long.filter((l) => /[.!?]["\u201D\u2019)]*\s*$/.test(l));
  return ended.length / long.length >= 0.8;
}

const DATELINE =
  /^([\p{Lu}][\p{L} .'\u2019-]{1,40}?),\s+([^\u2014\u2013]{4,40}?)(?:\s*[\u2014\u2013]+\s*|\s+-{1,2}\s+)/u;
/** "México.- La subsecretaria …", "New Delhi: Saurabh Kumar …": a known place and no date. */
const PLACE_DATELINE = /^([\p{Lu}][\p{L} .'\u2019-]{1,30}?)(?:\.-|\s*:)\s+(?=\p{Lu})/u;

function paragraph(number: string | null, position: number, text: string): StatementParagraph {
  const flat = squash(text);
  return { number, position, text: flat, sentences: splitSentences(flat) };
}

/**
 * The statement's structure: numbered paragraphs when it has them (`1.`, `2)`,
 * `(3)`), else blocks separated by blank lines. What precedes the body (kind of
 * document, title, publication line) is the header.
 */
export function layout(raw: string): StatementLayout {
  const text = normalise(raw);
  const lines = text.split('\n');
  const numbered = lines
    .map((line, i) => ({ i, m: NUMBERED.exec(line) }))
    .filter((x): x is { i: number; m: RegExpExecArray } => x.m !== null);
  const firstIsOne = numbered.length >= 2 && Number(numbered[0]!.m[1] ?? numbered[0]!.m[2]) === 1;
  if (firstIsOne) {
    const header = lines.slice(0, numbered[0]!.i).map(squash).filter(Boolean);
    const paragraphs: StatementParagraph[] = [];
    numbered.forEach(({ i, m }, k) => {
      const end = k + 1 < numbered.length ? numbered[k + 1]!.i : lines.length;
      const body: string[] = [m[3]!];
      for (let j = i + 1; j < end; j++) {
        // After the last numbered paragraph, a blank line ends the body (notes, contacts).
        if (k + 1 === numbered.length && lines[j]!.trim() === '') break;
        body.push(lines[j]!);
      }
      paragraphs.push(paragraph(m[1] ?? m[2]!, k + 1, body.join(' ')));
    });
    return { header, paragraphs, dateline: null };
  }
  const blocks = (oneParagraphPerLine(text) ? text.split('\n') : text.split(/\n\s*\n/))
    .map((b) => b.trim())
    .filter(Boolean);
  const firstProse = blocks.findIndex(isProse);
  if (firstProse < 0) return { header: blocks.map(squash), paragraphs: [], dateline: null };
  const header = blocks.slice(0, firstProse).flatMap((b) => b.split('\n').map(squash).filter(Boolean));
  const bodyBlocks = blocks.slice(firstProse).filter(isProse);
  let dateline: string | null = null;
  const first = squash(bodyBlocks[0]!);
  const d = DATELINE.exec(first);
  const p = d ? null : PLACE_DATELINE.exec(first);
  if (d) {
    dateline = `${d[1]}, ${d[2]}`;
    bodyBlocks[0] = first.slice(d[0].length);
  } else if (p && findNames(p[1]!).some((h) => h.index === 0 && h.text.length === p[1]!.length)) {
    dateline = p[1]!;
    bodyBlocks[0] = first.slice(p[0].length);
  }
  return { header, paragraphs: bodyBlocks.map((b, k) => paragraph(null, k + 1, b)), dateline };
}
