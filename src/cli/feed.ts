import { parseArgs } from 'node:util';
import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';
import { CliUsage, type CliVerb, EXIT, withCore } from './shared.js';

/**
 * `dialogue-bot feed --user U… [--reset] [--mine] [--lang en|es] [--dialogue id]`:
 * prints the user's feed URL — the one they have (unchanged), or a new one
 * when they have none. `--reset` (the flag is the confirmation) gives a new
 * address and the old one stops working, and says so.
 */
export const feedCliVerbs: Record<string, CliVerb> = {
  async feed(args, io) {
    const t = messages('en').calendar.cli;
    const { values } = parseArgs({
      args,
      options: {
        user: { type: 'string' },
        mine: { type: 'boolean', default: false },
        reset: { type: 'boolean', default: false },
        lang: { type: 'string' },
        dialogue: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout.write(`${t.usage}\n`);
      return EXIT.ok;
    }
    if (!values.user) throw new CliUsage(`${t.needUser}\n\n${t.usage}`);
    if (!/^[UW][A-Z0-9]{2,}$/.test(values.user)) throw new CliUsage(t.badUser(values.user));
    if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'es')
      throw new CliUsage(t.badLang(values.lang));
    const user = values.user;
    return withCore(io, new Date(), async (core) => {
      const now = new Date();
      const lang: Lang = (values.lang as Lang | undefined) ?? (await core.router.langFor(user));
      let dialogueId: string | null = null;
      if (values.dialogue) {
        const all = (await core.services.dialogues.list()).map((d) => d.id);
        dialogueId = values.dialogue.toLowerCase();
        if (!all.includes(dialogueId)) throw new CliUsage(t.badDialogue(values.dialogue, all.join(', ')));
      }
      const options = { lang, mine: values.mine, dialogueId };
      const sub = values.reset
        ? await core.services.feeds.reset(user, options, now)
        : await core.services.feeds.subscribe(user, options, now);
      io.stdout.write(
        [
          sub.outcome === 'reset'
            ? t.rotated(user, sub.revoked)
            : sub.outcome === 'existing'
              ? t.existing(user)
              : sub.legacyKept
                ? `${t.created(user)} ${t.legacyKept}`
                : t.created(user),
          `${t.https} ${sub.urls.https}`,
          `${t.webcal} ${sub.urls.webcal}`,
          '',
        ].join('\n'),
      );
      return EXIT.ok;
    });
  },
};
