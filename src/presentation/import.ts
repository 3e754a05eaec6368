import type { ImportPlan, ParsedStatement, PlannedCommitment } from '../domain/statement/types.js';
import { type Dialogue, type Lang, partyByCode } from '../domain/types.js';
import { formatDate, messages, pick } from '../i18n/index.js';
import type { ImportProposal, ImportResult } from '../services/import.service.js';
import type { Block, Reply } from './reply.js';

/*
 * Replies for importing a joint statement, shared by every front end: the CLI
 * (`dialogue-bot import`), local mode and the Slack modal all show a proposal
 * with `proposalReply` and the outcome with `importResultReply`.
 */

function hostName(dialogue: Dialogue, code: string, lang: Lang): string {
  const party = partyByCode(dialogue, code);
  return party ? party.name[lang] : code;
}

/** What will be recorded: the undertaking's own text (one item of a list: that item alone), in the reader's language when the import has it. */
function commitmentLine(c: PlannedCommitment, lang: Lang): string {
  return c.texts?.[lang] ?? c.text;
}

function statementBlocks(s: ParsedStatement, lang: Lang, plan: ImportPlan | null): Block[] {
  const t = messages(lang).import;
  const none = t.labels.none;
  const blocks: Block[] = [
    { type: 'header', text: t.header(s.title) },
    {
      type: 'fields',
      fields: [
        [t.labels.parties, s.parties.join(' · ') || none],
        [t.labels.date, s.meeting.date ? formatDate(s.meeting.date, lang) : none],
        [t.labels.place, s.meeting.place ?? none],
        [t.labels.edition, s.meeting.edition ?? none],
      ],
    },
  ];
  blocks.push({ type: 'text', text: [{ bold: t.delegatesHeader(s.delegates.length) }] });
  blocks.push(
    s.delegates.length > 0
      ? { type: 'list', items: s.delegates.map((d) => t.delegate(d.name, d.title, d.party ?? t.sideUnknown, d.lead)) }
      : { type: 'text', text: t.noDelegates },
  );
  const commitments = plan?.commitments ?? null;
  blocks.push({ type: 'text', text: [{ bold: t.commitmentsHeader(s.commitments.length) }] });
  if (s.commitments.length === 0) blocks.push({ type: 'text', text: t.noCommitments });
  else if (commitments)
    blocks.push({
      type: 'list',
      items: commitments.map((c) => t.plannedCommitment(c.id, c.isNew, commitmentLine(c, lang))),
    });
  else blocks.push({ type: 'list', items: s.commitments.map((c) => t.commitment(c.paragraph, c.text)) });
  blocks.push({
    type: 'text',
    text: s.nextMeeting ? t.next(s.nextMeeting.host, s.nextMeeting.year, s.nextMeeting.text) : t.noNext,
  });
  return blocks;
}

/** One line per thing the plan changes (or finds already recorded). */
export function planLines(plan: ImportPlan, dialogue: Dialogue, lang: Lang): string[] {
  const t = messages(lang).import.plan;
  const host = (code: string) => hostName(dialogue, code, lang);
  const lines: string[] = [];
  lines.push(
    plan.roundAction === 'hold'
      ? t.hold(plan.edition, formatDate(plan.date, lang), host(plan.host), plan.city)
      : t.alreadyHeld(plan.edition, formatDate(plan.date, lang)),
  );
  if (plan.delegatesAction === 'record') lines.push(t.delegates(plan.delegates.length, plan.edition));
  else if (plan.delegates.length > 0) lines.push(t.delegatesKept(plan.edition));
  const fresh = plan.commitments.filter((c) => c.isNew).map((c) => c.id);
  lines.push(fresh.length > 0 ? t.newCommitments(fresh.join(', ')) : t.noNewCommitments);
  const next = plan.nextRound;
  if (next) {
    const say = next.action === 'record' ? t.nextRecord : next.action === 'update' ? t.nextUpdate : t.nextUnchanged;
    lines.push(say(next.edition, host(next.host), next.year));
  }
  lines.push(t.upcoming(plan.upcoming.edition, host(plan.upcoming.host), plan.upcoming.year));
  return lines;
}

/** What a statement says and, with a dialogue, what recording it would change — or why it cannot be. */
export function proposalReply(proposal: ImportProposal, lang: Lang): Reply {
  const t = messages(lang).import;
  const { statement, plan, dialogue, problems, notes } = proposal;
  if (problems.some((p) => p.code === 'statement.empty' || p.code === 'statement.no_date')) {
    const text = problems.map((p) => t.problems[p.code](p.params)).join('\n');
    return { kind: 'error', summary: text, blocks: [{ type: 'text', text }] };
  }
  const blocks: Block[] = statementBlocks(statement, lang, plan);
  blocks.push({ type: 'divider' });
  if (problems.length > 0) {
    const lines = problems.map((p) => t.problems[p.code](p.params));
    blocks.push(...lines.map((text): Block => ({ type: 'text', text })), { type: 'context', text: t.nothingRecorded });
    return { kind: 'error', summary: lines[0]!, blocks };
  }
  if (!dialogue || !plan) {
    blocks.push({ type: 'context', text: t.readOnly });
    return { kind: 'answer', summary: t.header(statement.title), blocks };
  }
  blocks.push({ type: 'text', text: [{ bold: t.plan.header(pick(dialogue.name, lang)) }] });
  blocks.push({ type: 'list', items: planLines(plan, dialogue, lang) });
  if (notes.length > 0) blocks.push({ type: 'context', text: notes.map((n) => t.notes[n.code](n.params)).join(' ') });
  if (plan.noop) blocks.push({ type: 'text', text: t.plan.noop });
  return { kind: 'answer', summary: plan.noop ? t.plan.noop : t.plan.header(pick(dialogue.name, lang)), blocks };
}

/** The outcome of `apply`: what was recorded, or that nothing needed to be. */
export function importResultReply(result: ImportResult, lang: Lang, actor?: string): Reply {
  const t = messages(lang).import;
  const { plan, proposal } = result;
  const dialogue = proposal.dialogue!;
  if (!result.changed)
    return { kind: 'answer', summary: t.applied.noop, blocks: [{ type: 'text', text: t.applied.noop }] };
  const text = t.applied.done(plan.edition, formatDate(plan.date, lang));
  const blocks: Block[] = [
    { type: 'text', text },
    { type: 'list', items: planLines(plan, dialogue, lang) },
  ];
  if (actor) blocks.push({ type: 'context', text: [t.applied.by, { user: actor }] });
  return { kind: 'change', summary: text, blocks };
}
