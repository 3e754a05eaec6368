import type { ImportPlan, ImportProblem, ParsedStatement, StatementParagraph } from './types.js';

/**
 * Pairs a statement with its version in another language, paragraph by paragraph: by the paragraphs'
 * own numbers when both are numbered, else by order when both have as many paragraphs, else by where
 * each paragraph falls in the text (its share of the length so far). Within a pair, the k-th
 * commitment of one is the k-th of the other; with no k-th commitment there, the sentence at the same
 * place in the paragraph. Pure.
 */
export function pairTranslation(primary: ParsedStatement, other: ParsedStatement): (string | null)[] {
  const match = matchParagraphs(primary.paragraphs, other.paragraphs);
  const rank = new Map<number, number>();
  return primary.commitments.map((c) => {
    const k = rank.get(c.position) ?? 0;
    rank.set(c.position, k + 1);
    const mate = match.get(c.position);
    if (!mate) return null;
    const theirs = other.commitments.filter((o) => o.position === mate.position);
    const hit = theirs[k];
    if (hit) return hit.itemText ?? hit.text;
    // No undertaking read there: the sentence at the same place in the paragraph.
    const mine = primary.paragraphs.find((p) => p.position === c.position);
    const at = mine ? mine.sentences.indexOf(c.text) : -1;
    if (at < 0 || mate.sentences.length === 0) return null;
    const ratio = mine!.sentences.length > 1 ? at / (mine!.sentences.length - 1) : 0;
    return mate.sentences[Math.round(ratio * (mate.sentences.length - 1))] ?? null;
  });
}

/** Primary paragraph position → the other version's paragraph. */
export function matchParagraphs(
  mine: readonly StatementParagraph[],
  theirs: readonly StatementParagraph[],
): Map<number, StatementParagraph> {
  const out = new Map<number, StatementParagraph>();
  if (mine.length === 0 || theirs.length === 0) return out;
  const numbered = (ps: readonly StatementParagraph[]) => ps.every((p) => p.number !== null);
  if (numbered(mine) && numbered(theirs)) {
    for (const p of mine) {
      const mate = theirs.find((t) => t.number === p.number);
      if (mate) out.set(p.position, mate);
    }
    return out;
  }
  if (mine.length === theirs.length) {
    mine.forEach((p, i) => {
      out.set(p.position, theirs[i]!);
    });
    return out;
  }
  // Different counts: the paragraph whose middle falls nearest in the other text, by share of length.
  const middles = (ps: readonly StatementParagraph[]) => {
    const total = ps.reduce((n, p) => n + p.text.length, 0) || 1;
    let sum = 0;
    return ps.map((p) => {
      const mid = (sum + p.text.length / 2) / total;
      sum += p.text.length;
      return mid;
    });
  };
  const a = middles(mine);
  const b = middles(theirs);
  mine.forEach((p, i) => {
    let best = 0;
    for (let j = 1; j < b.length; j++) if (Math.abs(b[j]! - a[i]!) < Math.abs(b[best]! - a[i]!)) best = j;
    out.set(p.position, theirs[best]!);
  });
  return out;
}

/** Why a statement and its translation cannot be imported together (same language, another meeting). */
export function translationProblems(primary: ParsedStatement, other: ParsedStatement): ImportProblem[] {
  if (other.language === primary.language)
    return [{ code: 'translation.same_language', params: { lang: primary.language } }];
  const [a, b] = [primary.meeting.date, other.meeting.date];
  if (a && b && a !== b) return [{ code: 'translation.other_meeting', params: { date: a, other: b } }];
  return [];
}

/**
 * The plan's commitments with their words in each language: the statement's own, and with a
 * translation, the paired text of the other version. Plan commitments follow the statement's in order.
 */
export function withTexts(plan: ImportPlan, primary: ParsedStatement, other: ParsedStatement | null): ImportPlan {
  const paired = other ? pairTranslation(primary, other) : [];
  return {
    ...plan,
    commitments: plan.commitments.map((c, i) => {
      const mate = paired[i];
      return {
        ...c,
        texts: {
          [primary.language]: c.text,
          ...(other && mate ? { [other.language]: mate } : {}),
        },
      };
    }),
  };
}
