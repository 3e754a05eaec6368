import { parseArgs } from 'node:util';
import { isDomainError } from '../domain/errors.js';
import { messages } from '../i18n/index.js';
import { errorText } from '../presentation/errors.js';
import { normaliseLabel } from '../services/page.service.js';
import { CliUsage, type CliVerb, EXIT, withCore } from './shared.js';

/**
 * `dialogue-bot page --user U… [--share LABEL] [--with-notes] [--dialogue id]`:
 * prints a link to the dialogue's web page — the user's private one (the one
 * they have, unchanged; created when none), or with `--share` a viewer link
 * under that label (the user must be an editor; made once, shown again after).
 */
export const pageCliVerbs: Record<string, CliVerb> = {
  async page(args, io) {
    const t = messages('en').page;
    const { values } = parseArgs({
      args,
      options: {
        user: { type: 'string' },
        share: { type: 'string' },
        'with-notes': { type: 'boolean', default: false },
        dialogue: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout.write(`${t.cli.usage}\n`);
      return EXIT.ok;
    }
    if (!values.user) throw new CliUsage(`${t.cli.needUser}\n\n${t.cli.usage}`);
    if (!/^[UW][A-Z0-9]{2,}$/.test(values.user)) throw new CliUsage(t.cli.badUser(values.user));
    const label = values.share === undefined ? null : normaliseLabel(values.share);
    if (values.share !== undefined && !label) throw new CliUsage(`--share: ${t.command.badLabel}`);
    const user = values.user;
    return withCore(io, new Date(), async (core) => {
      const now = new Date();
      const all = (await core.services.dialogues.list()).map((d) => d.id);
      let dialogueId: string;
      if (values.dialogue) {
        dialogueId = values.dialogue.toLowerCase();
        if (!all.includes(dialogueId)) throw new CliUsage(t.cli.badDialogue(values.dialogue, all.join(', ')));
      } else dialogueId = (await core.services.dialogues.resolve(null, null)).id;
      const lang = await core.router.langFor(user);
      try {
        const link = label
          ? await core.services.pages.share(dialogueId, user, label, values['with-notes'], now)
          : await core.services.pages.privateLink(dialogueId, user, now);
        const tc = messages(lang).page.command;
        const name = (await core.services.dialogues.get(dialogueId)).name[lang];
        const head = link.label
          ? link.outcome === 'existing'
            ? tc.viewerExisting(link.label)
            : `${tc.viewerCreated(link.label, name)} ${tc.viewerNotes(link.withNotes)}`
          : `${tc.private(name)} ${link.outcome === 'existing' ? tc.existing : tc.created}`;
        io.stdout.write(`${head}\n${link.url}\n`);
        return EXIT.ok;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.stderr.write(`${errorText(error, lang)}\n`);
        return EXIT.badInput;
      }
    });
  },
};
