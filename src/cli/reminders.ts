import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { LOCAL_CHANNEL, modeOf } from '../core.js';
import type { ReminderAudience } from '../domain/reminders.js';
import type { Lang } from '../domain/types.js';
import { messages, zoneAbbreviation } from '../i18n/index.js';
import { createLocalNotifier } from '../scheduler/local-notifier.js';
import { createReminderTick } from '../scheduler/tick.js';
import type { Audience, Notifier } from '../services/notifier.js';
import { CliUsage, type CliVerb, EXIT, parseInstant, withCore } from './shared.js';

const MAX_DAYS = 3660;

function stamp(iso: string, zone: string): string {
  const local = DateTime.fromISO(iso).setZone(zone);
  return `${local.toFormat('yyyy-MM-dd HH:mm')} ${zoneAbbreviation(local)}`;
}

function where(a: Audience | ReminderAudience, lang: Lang): string {
  const t = messages(lang).reminders.list;
  if (a.kind === 'user') return t.dm(a.id);
  return a.id ? t.channel(a.id) : t.noChannelSet;
}

function langOf(value: string | undefined): Lang {
  if (value === undefined || value === 'en' || value === 'es') return value ?? 'en';
  throw new CliUsage(`--lang: use en or es, not "${value}"`);
}

/** `dialogue-bot reminders` and `dialogue-bot tick`. */
export const reminderCliVerbs: Record<string, CliVerb> = {
  /** Preview: what will be sent, when, and where (and what was already sent in that window). */
  async reminders(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        days: { type: 'string' },
        dialogue: { type: 'string' },
        lang: { type: 'string' },
      },
    });
    const from = parseInstant(values.from, '--from');
    const daysText = values.days ?? '30';
    if (!/^\d+$/.test(daysText) || Number(daysText) < 1 || Number(daysText) > MAX_DAYS)
      throw new CliUsage(`--days: a whole number of days from 1 to ${MAX_DAYS}, not "${daysText}"`);
    const days = Number(daysText);
    const lang = langOf(values.lang);
    const to = new Date(from.getTime() + days * 86_400_000);
    return withCore(io, from, async (core) => {
      const service = core.services.reminders;
      const dialogues = await service.dialogues.list();
      if (values.dialogue && !dialogues.some((d) => d.id === values.dialogue))
        throw new CliUsage(
          `--dialogue: no dialogue "${values.dialogue}" (have: ${dialogues.map((d) => d.id).join(', ')})`,
        );
      const local = modeOf(core.config) === 'local';
      const items = await service.preview(from, from, to, {
        dialogueId: values.dialogue,
        lang,
        fallbackChannel: local ? LOCAL_CHANNEL : null,
      });
      const zone = dialogues[0] ? service.zone(dialogues[0]) : core.config.app.timezone;
      io.stdout.write(`Reminders from ${stamp(from.toISOString(), zone)} for ${days} days (${zone}):\n`);
      if (items.length === 0) io.stdout.write('  (none)\n');
      for (const item of items) {
        const status = item.status ? ` [${item.status}]` : '';
        io.stdout.write(
          `  ${stamp(item.reminder.fireAt, zone)}  ${where(item.audience, lang)}  ${item.reminder.key}${status}\n      ${item.reply.summary}\n`,
        );
      }
      return EXIT.ok;
    });
  },

  /** One scheduler pass as if it were `--at`: delivers what is due and prints what was sent. */
  async tick(args, io) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' } } });
    const now = parseInstant(values.at);
    return withCore(io, now, async (core) => {
      const mode = modeOf(core.config);
      const { slackBotToken, slackApiUrl } = core.config.env;
      let notifier: Notifier;
      if (mode === 'local' || !slackBotToken) notifier = createLocalNotifier(io.stdout);
      else {
        // Slack's Web API client loads only when reminders go to Slack.
        const { createSlackNotifier, reminderWebClient } = await import('../slack/notifier.js');
        notifier = createSlackNotifier(reminderWebClient({ token: slackBotToken, apiUrl: slackApiUrl }));
      }
      const tick = createReminderTick(core, notifier, { fallbackChannel: mode === 'local' ? LOCAL_CHANNEL : null });
      const report = await tick(now);
      const lang = core.config.app.language;
      const zone = core.config.app.timezone;
      io.stdout.write(`Tick at ${stamp(report.at, zone)}: ${report.sent.length} sent.\n`);
      for (const s of report.sent) {
        const late = s.late ? ` (late: due ${stamp(s.fireAt, zone)})` : '';
        io.stdout.write(`  sent → ${where(s.audience, lang)}  ${s.key}${late}\n      ${s.summary}\n`);
      }
      for (const f of report.retrying)
        io.stdout.write(`  FAILED → ${where(f.audience, lang)}  ${f.key}: ${f.error}; retry after ${f.retryAt}\n`);
      if (report.skipped.length > 0)
        io.stdout.write(`  skipped (missed by more than the catch-up window): ${report.skipped.join(', ')}\n`);
      if (report.dropped.length > 0) io.stdout.write(`  dropped (re-planned): ${report.dropped.join(', ')}\n`);
      if (report.noChannel.length > 0)
        io.stdout.write(
          `  waiting for a reminder channel (set REMINDER_CHANNEL or run /dialogue remind-here): ${report.noChannel.join(', ')}\n`,
        );
      return report.retrying.length > 0 ? EXIT.failure : EXIT.ok;
    });
  },
};
