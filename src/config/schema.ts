import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { COMMITMENT_STATUSES } from '../domain/commitments.js';
import { isValidZone, parseClockTime, parseIsoDate } from '../domain/dates.js';

// zod/mini: the same validation core as `zod`, as functions a bundle keeps
// only when used (~50 KB of the ~750 KB `zod` loads at start). Unlike `zod`,
// it sets no error messages of its own: English, as the config's problems
// are shown to operators in English.
z.config(en());

const zone = z
  .string()
  .check(z.refine(isValidZone, { error: (issue) => `unknown IANA zone "${String(issue.input)}"` }));
const isoDate = z
  .string()
  .check(
    z.refine((v) => parseIsoDate(v) === v, { error: (issue) => `not a date YYYY-MM-DD: "${String(issue.input)}"` }),
  );
const clock = z
  .string()
  .check(z.refine((v) => parseClockTime(v) === v, { error: (issue) => `not a time HH:MM: "${String(issue.input)}"` }));
const text = z.string().check(z.minLength(1));
const localized = z.strictObject({ en: text, es: text });
const slackUserId = z.string().check(z.regex(/^[UW][A-Z0-9]{2,}$/, 'not a Slack user ID (U… or W…)'));
const slackChannelId = z.string().check(z.regex(/^[CGD][A-Z0-9]{2,}$/, 'not a Slack channel ID (C…, G… or D…)'));
/** An integer from `min` to `max`. */
const int = (min: number, max?: number) =>
  max === undefined
    ? z.number().check(z.int(), z.minimum(min))
    : z.number().check(z.int(), z.minimum(min), z.maximum(max));
const days = z.array(int(0, 400));
const country = z
  .string()
  .check(z.regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO country code like GB or MX (or with a region, like GB-ENG)'));
const catchUpHours = z.number().check(z.minimum(0), z.maximum(24 * 14));
const bool = z.boolean();

/** Reminder rules: in default.yml, and overridable (any part) per dialogue. */
export const reminderRulesSchema = z.strictObject({
  enabled: z._default(bool, true),
  /** Local time at which day-based reminders fire. */
  time: z._default(clock, '09:00'),
  /** Zone of `time`; the app's zone when unset. */
  timezone: z.optional(zone),
  /** A reminder whose moment passed less than this long ago is still sent (late); older ones are skipped. */
  catchUpHours: z._default(catchUpHours, 24),
  /**
   * Before re-posting a reminder whose sender died after Slack took it, look in
   * the channel's recent history for the bot's own message carrying its key:
   * auto = when the token has the history scopes; on; off.
   */
  duplicateCheck: z._default(z.enum(['auto', 'on', 'off']), 'auto'),
  scheduledRound: z._default(
    z.strictObject({ daysBefore: z._default(days, [90, 60, 30, 14, 7, 1]), morningOf: z._default(bool, true) }),
    { daysBefore: [90, 60, 30, 14, 7, 1], morningOf: true },
  ),
  expectedRound: z._default(
    z.strictObject({
      monthsBefore: z._default(int(0, 24), 6),
      overdueEveryMonths: z._default(int(1, 12), 1),
    }),
    { monthsBefore: 6, overdueEveryMonths: 1 },
  ),
  afterHeld: z._default(z.strictObject({ enabled: z._default(bool, true) }), { enabled: true }),
  commitments: z._default(
    z.strictObject({ daysBefore: z._default(days, [14, 7, 1]), overdueDigest: z._default(bool, true) }),
    { daysBefore: [14, 7, 1], overdueDigest: true },
  ),
  weeklyDigest: z._default(
    z.strictObject({
      enabled: z._default(bool, true),
      /** ISO weekday, 1 = Monday. */
      weekday: z._default(int(1, 7), 1),
    }),
    { enabled: true, weekday: 1 },
  ),
  workingDays: z._default(
    z.strictObject({
      enabled: z._default(bool, true),
      /** Whose public holidays count: ISO country code of the channel's side (optionally a region: GB-ENG). */
      country: z._default(country, 'GB-ENG'),
    }),
    { enabled: true, country: 'GB-ENG' },
  ),
});
export type ReminderRules = z.infer<typeof reminderRulesSchema>;

/**
 * A dialogue's overrides of the app's reminder rules: any part, nested parts
 * included, and no defaults of its own — what it leaves out follows default.yml.
 */
export const reminderOverridesSchema = z.strictObject({
  enabled: z.optional(bool),
  time: z.optional(clock),
  timezone: z.optional(zone),
  catchUpHours: z.optional(catchUpHours),
  scheduledRound: z.optional(z.strictObject({ daysBefore: z.optional(days), morningOf: z.optional(bool) })),
  expectedRound: z.optional(
    z.strictObject({ monthsBefore: z.optional(int(0, 24)), overdueEveryMonths: z.optional(int(1, 12)) }),
  ),
  afterHeld: z.optional(z.strictObject({ enabled: z.optional(bool) })),
  commitments: z.optional(z.strictObject({ daysBefore: z.optional(days), overdueDigest: z.optional(bool) })),
  weeklyDigest: z.optional(z.strictObject({ enabled: z.optional(bool), weekday: z.optional(int(1, 7)) })),
  workingDays: z.optional(z.strictObject({ enabled: z.optional(bool), country: z.optional(country) })),
});
export type ReminderOverrides = z.infer<typeof reminderOverridesSchema>;

/** The app's rules with a dialogue's overrides laid over them, part by part. */
export function mergeReminderRules(base: ReminderRules, over: ReminderOverrides | undefined): ReminderRules {
  if (!over) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const inner = (base as Record<string, unknown>)[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && inner && typeof inner === 'object'
        ? { ...inner, ...Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) }
        : value;
  }
  return out as ReminderRules;
}

export const appSchema = z.strictObject({
  /** Zone for "this year", reminder times and the server's dates. */
  timezone: z._default(zone, 'Europe/London'),
  language: z._default(z.enum(['en', 'es']), 'en'),
  editors: z._default(z.array(slackUserId), []),
  reminderChannel: z._default(z.nullable(slackChannelId), null),
  reminders: z._default(reminderRulesSchema, reminderRulesSchema.parse({})),
  feeds: z._default(
    z.strictObject({
      refreshMinutes: z._default(int(5, 24 * 60), 60),
      keepCancelledDays: z._default(int(0, 3650), 180),
    }),
    { refreshMinutes: 60, keepCancelledDays: 180 },
  ),
});
export type AppSettings = z.infer<typeof appSchema>;

const partySchema = z.strictObject({
  code: z.string().check(z.regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code like MX or GB')),
  name: localized,
  aliases: z._default(z.array(z.string().check(z.regex(/^[a-z]+$/, 'lower-case letters only'))), []),
  timezone: zone,
  capital: localized,
});

const delegateSchema = z.strictObject({
  party: z.string(),
  name: text,
  title: text,
  lead: z._default(bool, false),
});

const roundSchema = z.strictObject({
  edition: int(1),
  state: z.enum(['expected', 'scheduled', 'held', 'postponed', 'cancelled']),
  host: z.string(),
  /** How the host was inferred, when the source does not say it. */
  hostInferred: z.optional(z.string()),
  year: z.optional(int(1900, 2200)),
  date: z.optional(isoDate),
  time: z.optional(clock),
  city: z.optional(z.string()),
  /** Where this expectation or record comes from (e.g. "joint statement, paragraph 8"). */
  source: z.optional(z.string()),
  delegates: z._default(z.array(delegateSchema), []),
});

const commitmentSchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Z]+\d+(-\d+[a-z]?)?$/, 'an ID like R1-7a')),
  edition: z.optional(int(1)),
  paragraph: z.optional(z.string()),
  theme: z.string().check(z.regex(/^[a-z][a-z-]*$/, 'a lower-case kebab-case theme')),
  text,
  summary: z.optional(localized),
  status: z._default(z.enum(COMMITMENT_STATUSES), 'not-started'),
  due: z.optional(isoDate),
});

export const dialogueSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')),
    name: localized,
    cadenceYears: z._default(int(1, 10), 1),
    alternateHost: z._default(bool, true),
    parties: z.tuple([partySchema, partySchema]),
    source: z.optional(z.strictObject({ url: z.url(), title: z.string(), publishedOn: isoDate })),
    /** Channels where this dialogue is the default for commands. */
    channels: z._default(z.array(slackChannelId), []),
    /**
     * Its channels are shared by both delegations: every announcement,
     * reminder and digest it posts in a channel carries English and Spanish
     * in one message. (A Slack Connect channel is found out by itself.)
     */
    bilingual: z._default(bool, false),
    /** The language of what it posts in a channel that is not bilingual; the app's `language` when unset. */
    language: z.optional(z.enum(['en', 'es'])),
    editors: z._default(z.array(slackUserId), []),
    reminderChannel: z.optional(slackChannelId),
    reminders: z.optional(reminderOverridesSchema),
    rounds: z._default(z.array(roundSchema), []),
    commitments: z._default(z.array(commitmentSchema), []),
  })
  .check(
    z.superRefine((d, ctx) => {
      const codes = d.parties.map((p) => p.code);
      if (codes[0] === codes[1])
        ctx.addIssue({ code: 'custom', path: ['parties', 1, 'code'], message: 'both parties have the same code' });
      d.rounds.forEach((r, i) => {
        if (!codes.includes(r.host))
          ctx.addIssue({
            code: 'custom',
            path: ['rounds', i, 'host'],
            message: `"${r.host}" is not one of the parties (${codes.join(', ')})`,
          });
        if ((r.state === 'held' || r.state === 'scheduled') && !r.date)
          ctx.addIssue({ code: 'custom', path: ['rounds', i, 'date'], message: `a ${r.state} round needs a date` });
        if (!r.date && r.year === undefined)
          ctx.addIssue({ code: 'custom', path: ['rounds', i, 'year'], message: 'a round needs a date or a year' });
        r.delegates.forEach((del, j) => {
          if (!codes.includes(del.party))
            ctx.addIssue({
              code: 'custom',
              path: ['rounds', i, 'delegates', j, 'party'],
              message: `"${del.party}" is not one of the parties`,
            });
        });
      });
      const editions = new Set<number>();
      d.rounds.forEach((r, i) => {
        if (editions.has(r.edition))
          ctx.addIssue({
            code: 'custom',
            path: ['rounds', i, 'edition'],
            message: `edition ${r.edition} appears twice`,
          });
        editions.add(r.edition);
      });
      const ids = new Set<string>();
      d.commitments.forEach((c, i) => {
        if (ids.has(c.id))
          ctx.addIssue({ code: 'custom', path: ['commitments', i, 'id'], message: `ID ${c.id} appears twice` });
        ids.add(c.id);
      });
    }),
  );
export type DialogueConfig = z.infer<typeof dialogueSchema>;
