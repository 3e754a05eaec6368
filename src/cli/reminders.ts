import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { LOCAL_CHANNEL, modeOf } from '../core.js';
import { type ReminderAudience, skipReasonOf } from '../domain/reminders.js';
import type { Lang } from '../domain/types.js';
import { messages, zoneAbbreviation } from '../i18n/index.js';
import { skipReasonText, statusText } from '../presentation/reminders.js';
import { createLocalNotifier } from '../scheduler/local-notifier.js';
import { createReminderTick } from '../scheduler/tick.js';
import { type Audience, type Notifier, parseAudience } from '../services/notifier.js';
import type { PreviewItem } from '../services/reminders.service.js';
import type { ReminderDeliveryRow } from '../store/reminders.table.js';
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

/** `dialogue-bot reminders`, `dialogue-bot reminders --history` and `dialogue-bot tick`. */
export const reminderCliVerbs: Record<string, CliVerb> = {
  /**
   * Preview: every reminder in the window, when and where, each marked `will
   * send`, `sent <when>`, `late`, `skipped: <reason>` or `waiting: no channel`
   * (the same plan and status the tick acts on). `--history`: what was sent,
   * skipped or failed, and why.
   */
  async reminders(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        days: { type: 'string' },
        dialogue: { type: 'string' },
        lang: { type: 'string' },
        history: { type: 'boolean' },
      },
    });
    const from = parseInstant(values.from, '--from');
    const daysText = values.days ?? '30';
    if (!/^\d+$/.test(daysText) || Number(daysText) < 1 || Number(daysText) > MAX_DAYS)
      throw new CliUsage(`--days: a whole number of days from 1 to ${MAX_DAYS}, not "${daysText}"`);
    if (values.history && (values.from !== undefined || values.days !== undefined))
      throw new CliUsage('--history lists everything recorded: use it without --from and --days');
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
      const zone = dialogues[0] ? service.zone(dialogues[0]) : core.config.app.timezone;
      if (values.history) {
        const rows = await service.history(values.dialogue ?? null);
        io.stdout.write(`Reminder history${values.dialogue ? ` of ${values.dialogue}` : ''} (${zone}):\n`);
        if (rows.length === 0) io.stdout.write('  (nothing recorded yet)\n');
        for (const row of rows)
          io.stdout.write(`  ${historyLine(row, zone, lang, service.rules(row.dialogue_id).catchUpHours)}\n`);
        return EXIT.ok;
      }
      const local = modeOf(core.config) === 'local';
      const items = await service.preview(from, from, to, {
        dialogueId: values.dialogue,
        lang,
        fallbackChannel: local ? LOCAL_CHANNEL : null,
      });
      io.stdout.write(`Reminders from ${stamp(from.toISOString(), zone)} for ${days} days (${zone}):\n`);
      if (items.length === 0) io.stdout.write('  (none)\n');
      for (const item of items) io.stdout.write(previewLine(item, zone, lang));
      // Every one is printed, however many: the count says so.
      if (items.length > 0) io.stdout.write(`${items.length} reminder${items.length === 1 ? '' : 's'} in all.\n`);
      return EXIT.ok;
    });
  },

  /**
   * One scheduler pass as if it were `--at`. With `--at` it only prints what
   * it would send and changes nothing, unless `--send`; without `--at` (now)
   * it delivers.
   */
  async tick(args, io) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' }, send: { type: 'boolean' } } });
    const now = parseInstant(values.at);
    const dryRun = values.at !== undefined && !values.send;
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
      const tick = createReminderTick(core, notifier, {
        fallbackChannel: mode === 'local' ? LOCAL_CHANNEL : null,
        dryRun,
      });
      const report = await tick(now);
      const lang = core.config.app.language;
      const zone = core.config.app.timezone;
      if (dryRun) {
        io.stdout.write(
          `Tick at ${stamp(report.at, zone)} (preview: nothing posted or recorded; add --send to deliver): ${report.sent.length} would be sent.\n`,
        );
      } else io.stdout.write(`Tick at ${stamp(report.at, zone)}: ${report.sent.length} sent.\n`);
      const verb = dryRun ? 'would send' : 'sent';
      for (const s of report.sent) {
        const late = s.late ? ` (late: due ${stamp(s.fireAt, zone)})` : '';
        io.stdout.write(`  ${verb} → ${where(s.audience, lang)}  ${s.key}${late}\n      ${s.summary}\n`);
      }
      for (const key of report.recovered)
        io.stdout.write(`  already posted (found in the channel after a crash; recorded, not posted again): ${key}\n`);
      for (const f of report.retrying)
        io.stdout.write(`  FAILED → ${where(f.audience, lang)}  ${f.key}: ${f.error}; retry after ${f.retryAt}\n`);
      for (const { key, reason } of report.skippedWhy)
        io.stdout.write(`  ${dryRun ? 'would skip' : 'skipped'}: ${key} — ${skipReasonText(reason, lang)}\n`);
      if (report.dropped.length > 0)
        io.stdout.write(`  ${dryRun ? 'would drop' : 'dropped'} (no longer planned): ${report.dropped.join(', ')}\n`);
      if (report.noChannel.length > 0)
        io.stdout.write(
          `  waiting for a reminder channel (run /dialogue remind-here, or set REMINDER_CHANNEL): ${report.noChannel.join(', ')}\n`,
        );
      if (report.pausedUntil) io.stdout.write(`  Slack rate limit (429): posting paused until ${report.pausedUntil}\n`);
      return report.retrying.length > 0 ? EXIT.failure : EXIT.ok;
    });
  },
};

/** One preview line: when, where, key, status; the message's first line under it. */
export function previewLine(item: PreviewItem, zone: string, lang: Lang): string {
  const status = statusText(item.status, lang, (iso) => stamp(iso, zone));
  const head = `  ${stamp(item.fireAt, zone)}  ${where(item.audience, lang)}  ${item.key}  ${status}\n`;
  return item.reply ? `${head}      ${item.reply.summary}\n` : head;
}

function historyLine(row: ReminderDeliveryRow, zone: string, lang: Lang, catchUpHours: number): string {
  const audience = parseAudience(row.audience);
  const to = audience ? where(audience, lang) : messages(lang).reminders.list.noChannelSet;
  const head = `${stamp(row.due_at, zone)}  ${row.status.padEnd(7)}  ${row.key} → ${to}`;
  switch (row.status) {
    case 'sent':
      return `${head}  at ${stamp(row.sent_at ?? row.due_at, zone)}${Number(row.late) ? ' (late)' : ''}`;
    case 'skipped':
    case 'dropped':
      return `${head}  — ${skipReasonText(skipReasonOf(row.reason ?? (row.status === 'dropped' ? 'dropped' : null), { catchUpHours }), lang)}`;
    case 'failed':
      return `${head}  — ${row.attempts} attempt(s), last error: ${row.last_error ?? 'unknown'}`;
    case 'retry':
      return `${head}  — retry after ${row.next_attempt_at ?? '?'} (${row.last_error ?? 'error'})`;
    default:
      return `${head}  — claimed by ${row.claimed_by ?? '?'} until ${row.lease_until ?? '?'}`;
  }
}
