import { type CommitmentFilter, normaliseCommitmentId, parseCommitmentStatus } from '../../domain/commitments.js';
import { parseListFilter, parseTheme, themeName } from '../../i18n/typed.js';
import {
  changedSide,
  changeMessage,
  commitmentDetailReply,
  commitmentListReply,
  commitmentsHelpReply,
  historyReply,
} from '../../presentation/commitments.js';
import { PAGE_SIZES } from '../../presentation/paging.js';
import type { Reply } from '../../presentation/reply.js';
import { type CommitmentChange, sideWords } from '../../services/commitments.service.js';
import type { ChangeRequest } from '../../services/cycle.service.js';
import type { CommandContext, VerbTable } from '../context.js';
import { checkPageOf, takePage } from '../page-words.js';
import { extractDialogueFlag, limitText, parseUserRef, requireDate, UsageError } from '../parse.js';
import { changeAndAnswer } from './change.js';
import { undoVerb } from './undo.js';

/** Runs one change of a commitment and answers it (see `changeAndAnswer`). */
function commitmentChange(
  ctx: CommandContext,
  action: string,
  run: (dialogueId: string, request: ChangeRequest<CommitmentChange>) => Promise<CommitmentChange>,
): Promise<Reply> {
  return changeAndAnswer(
    ctx,
    (change, lang, dialogue) =>
      changeMessage(
        dialogue,
        change,
        action,
        lang,
        ctx.request.userId,
        action === 'assign' ? changedSide(dialogue, change) : undefined,
      ),
    run,
  );
}

/** `mx|uk` for Mexico–UK, `jp|cn` for Japan–China: the words each dialogue's sides answer to. */
async function sidesOf(ctx: CommandContext): Promise<string> {
  try {
    return sideWords(await ctx.dialogue()).join('|');
  } catch {
    return '<side>';
  }
}

function requireId(ctx: CommandContext, usage: string): string {
  const id = ctx.args.words[0];
  if (!id) throw new UsageError(usage);
  return normaliseCommitmentId(id);
}

export const commitmentVerbs: VerbTable = {
  undo: undoVerb('/commitments', 'commitment'),
  help: async (ctx) => commitmentsHelpReply(ctx.lang, await sidesOf(ctx)),
  async list(ctx) {
    const { t, args } = ctx;
    const dialogue = await ctx.dialogue();
    const themes = await ctx.services.commitments.themes(dialogue.id);
    const { words, page } = takePage(args.words, ctx.lang);
    const word = words[0];
    if (words.length > 1) throw new UsageError(t.usage.commitments.list);
    let filter: CommitmentFilter;
    let label: string;
    // Filters and themes typed in either language: `abiertos`, `igualdad-de-género`, `gender-equality`.
    const kind = word ? parseListFilter(word) : 'all';
    const theme = word && !kind ? parseTheme(word, themes) : null;
    if (kind) [filter, label] = [{ kind }, t.commitments.filter[kind]];
    else if (theme)
      [filter, label] = [{ kind: 'theme', theme }, t.commitments.filter.theme(themeName(theme, ctx.lang))];
    else {
      const user = word ? parseUserRef(word) : null;
      if (!user || !word) {
        const names = themes.map((th) => themeName(th, ctx.lang)).join(', ');
        throw new UsageError(`${t.usage.badFilter(word ?? '', names)}\n${t.usage.commitments.list}`);
      }
      [filter, label] = [{ kind: 'owner', userId: user }, t.commitments.filter.owner(user)];
    }
    const list = await ctx.services.commitments.list(dialogue.id, filter);
    checkPageOf(page, list.length, PAGE_SIZES.list, ctx.lang);
    return commitmentListReply(list, label, ctx.lang, themes, {
      page,
      base: ['list', word].filter(Boolean).join(' '),
      dialogue: extractDialogueFlag(ctx.request.text).dialogue,
    });
  },
  async show(ctx) {
    const id = requireId(ctx, ctx.t.usage.commitments.show);
    if (ctx.args.words.length > 1) throw new UsageError(ctx.t.usage.commitments.show);
    const dialogue = await ctx.dialogue();
    return commitmentDetailReply(dialogue, await ctx.services.commitments.detail(dialogue.id, id), ctx.lang);
  },
  async update(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.update;
    const id = requireId(ctx, usage);
    const typed = args.words[1];
    if (!typed) throw new UsageError(usage);
    const status = parseCommitmentStatus(typed);
    if (!status) throw new UsageError(`${t.usage.badStatus(typed)}\n${usage}`);
    const note = limitText(args.rest(2), t.usage.tooLong) || null;
    return commitmentChange(ctx, 'status', (dialogueId, request) =>
      ctx.services.commitments.updateStatus(dialogueId, ctx.request.userId, id, status, note, ctx.request.now, request),
    );
  },
  async assign(ctx) {
    const { t, args } = ctx;
    const usage = t.changes.usage.assign(await sidesOf(ctx));
    const id = requireId(ctx, usage);
    const userWord = args.words[1];
    if (!userWord) throw new UsageError(usage);
    const user = parseUserRef(userWord);
    if (!user) throw new UsageError(`${t.usage.badUser(userWord)}\n${usage}`);
    return commitmentChange(ctx, 'assign', (dialogueId, request) =>
      ctx.services.commitments.assign(
        dialogueId,
        ctx.request.userId,
        id,
        user,
        // A side of several words may be typed as such: `reino unido`.
        args.rest(2) || null,
        ctx.request.now,
        request,
      ),
    );
  },
  async due(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.due;
    const id = requireId(ctx, usage);
    const date = requireDate(args.words[1], usage, t.usage.badDate);
    if (args.words.length > 2) throw new UsageError(usage);
    return commitmentChange(ctx, 'due', (dialogueId, request) =>
      ctx.services.commitments.setDue(dialogueId, ctx.request.userId, id, date, ctx.request.now, request),
    );
  },
  async note(ctx) {
    const { t, args } = ctx;
    const usage = t.usage.commitments.note;
    const id = requireId(ctx, usage);
    const text = limitText(args.rest(1), t.usage.tooLong);
    if (!text) throw new UsageError(usage);
    return commitmentChange(ctx, 'note', (dialogueId, request) =>
      ctx.services.commitments.note(dialogueId, ctx.request.userId, id, text, ctx.request.now, request),
    );
  },
  async add(ctx) {
    const text = limitText(ctx.args.rest(0), ctx.t.usage.tooLong);
    if (!text) throw new UsageError(ctx.t.usage.commitments.add);
    return commitmentChange(ctx, 'added', (dialogueId, request) =>
      ctx.services.commitments.add(dialogueId, ctx.request.userId, text, ctx.request.now, request),
    );
  },
  async history(ctx) {
    const id = requireId(ctx, ctx.t.usage.commitments.history);
    const { words, page } = takePage(ctx.args.words, ctx.lang);
    if (words.length > 1) throw new UsageError(ctx.t.usage.commitments.history);
    const dialogue = await ctx.dialogue();
    const events = await ctx.services.commitments.history(dialogue.id, id);
    checkPageOf(page, events.length, PAGE_SIZES.history, ctx.lang);
    return historyReply(dialogue, id, events, ctx.lang, {
      page,
      dialogue: extractDialogueFlag(ctx.request.text).dialogue,
    });
  },
};
