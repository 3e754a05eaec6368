import { z } from 'zod';
import { COMMITMENT_STATUSES } from '../domain/commitments.js';
import { isValidZone, parseClockTime, parseIsoDate } from '../domain/dates.js';

const zone = z.string().refine(isValidZone, { error: (issue) => `unknown IANA zone "${String(issue.input)}"` });
const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) === v, { error: (issue) => `not a date YYYY-MM-DD: "${String(issue.input)}"` });
const clock = z
  .string()
  .refine((v) => parseClockTime(v) === v, { error: (issue) => `not a time HH:MM: "${String(issue.input)}"` });
const localized = z.strictObject({ en: z.string().min(1), es: z.string().min(1) });
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'not a Slack user ID (U… or W…)');
const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'not a Slack channel ID (C…, G… or D…)');
const days = z.array(z.number().int().min(0).max(400));

/** Reminder rules: in default.yml, and overridable (any part) per dialogue. */
export const reminderRulesSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Local time at which day-based reminders fire. */
  time: clock.default('09:00'),
  /** Zone of `time`; the app's zone when unset. */
  timezone: zone.optional(),
  /** A reminder whose moment passed less than this long ago is still sent (late); older ones are skipped. */
  catchUpHours: z
    .number()
    .min(0)
    .max(24 * 14)
    .default(24),
  scheduledRound: z
    .strictObject({ daysBefore: days.default([90, 60, 30, 14, 7, 1]), morningOf: z.boolean().default(true) })
    .default({ daysBefore: [90, 60, 30, 14, 7, 1], morningOf: true }),
  expectedRound: z
    .strictObject({
      monthsBefore: z.number().int().min(0).max(24).default(6),
      overdueEveryMonths: z.number().int().min(1).max(12).default(1),
    })
    .default({ monthsBefore: 6, overdueEveryMonths: 1 }),
  afterHeld: z.strictObject({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  commitments: z
    .strictObject({ daysBefore: days.default([14, 7, 1]), overdueDigest: z.boolean().default(true) })
    .default({ daysBefore: [14, 7, 1], overdueDigest: true }),
  weeklyDigest: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** ISO weekday, 1 = Monday. */
      weekday: z.number().int().min(1).max(7).default(1),
    })
    .default({ enabled: true, weekday: 1 }),
  workingDays: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Whose public holidays count: ISO country code of the channel's side (optionally a region: GB-ENG). */
      country: z
        .string()
        .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO country code like GB or MX (or with a region, like GB-ENG)')
        .default('GB'),
    })
    .default({ enabled: true, country: 'GB' }),
});
export type ReminderRules = z.infer<typeof reminderRulesSchema>;

/**
 * A dialogue's overrides of the app's reminder rules: any part, nested parts
 * included, and no defaults of its own — what it leaves out follows default.yml.
 */
export const reminderOverridesSchema = z.strictObject({
  enabled: z.boolean().optional(),
  time: clock.optional(),
  timezone: zone.optional(),
  catchUpHours: z
    .number()
    .min(0)
    .max(24 * 14)
    .optional(),
  scheduledRound: z.strictObject({ daysBefore: days.optional(), morningOf: z.boolean().optional() }).optional(),
  expectedRound: z
    .strictObject({
      monthsBefore: z.number().int().min(0).max(24).optional(),
      overdueEveryMonths: z.number().int().min(1).max(12).optional(),
    })
    .optional(),
  afterHeld: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  commitments: z.strictObject({ daysBefore: days.optional(), overdueDigest: z.boolean().optional() }).optional(),
  weeklyDigest: z
    .strictObject({ enabled: z.boolean().optional(), weekday: z.number().int().min(1).max(7).optional() })
    .optional(),
  workingDays: z
    .strictObject({
      enabled: z.boolean().optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO country code like GB or MX (or with a region, like GB-ENG)')
        .optional(),
    })
    .optional(),
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
  timezone: zone.default('Europe/London'),
  language: z.enum(['en', 'es']).default('en'),
  editors: z.array(slackUserId).default([]),
  reminderChannel: slackChannelId.nullable().default(null),
  reminders: reminderRulesSchema.default(reminderRulesSchema.parse({})),
  feeds: z
    .strictObject({
      refreshMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60)
        .default(60),
      keepCancelledDays: z.number().int().min(0).max(3650).default(180),
    })
    .default({ refreshMinutes: 60, keepCancelledDays: 180 }),
});
export type AppSettings = z.infer<typeof appSchema>;

const partySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code like MX or GB'),
  name: localized,
  aliases: z.array(z.string().regex(/^[a-z]+$/, 'lower-case letters only')).default([]),
  timezone: zone,
  capital: localized,
});

const delegateSchema = z.strictObject({
  party: z.string(),
  name: z.string().min(1),
  title: z.string().min(1),
  lead: z.boolean().default(false),
});

const roundSchema = z.strictObject({
  edition: z.number().int().min(1),
  state: z.enum(['expected', 'scheduled', 'held', 'postponed', 'cancelled']),
  host: z.string(),
  /** How the host was inferred, when the source does not say it. */
  hostInferred: z.string().optional(),
  year: z.number().int().min(1900).max(2200).optional(),
  date: isoDate.optional(),
  time: clock.optional(),
  city: z.string().optional(),
  /** Where this expectation or record comes from (e.g. "joint statement, paragraph 8"). */
  source: z.string().optional(),
  delegates: z.array(delegateSchema).default([]),
});

const commitmentSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+\d+(-\d+[a-z]?)?$/, 'an ID like R1-7a'),
  edition: z.number().int().min(1).optional(),
  paragraph: z.string().optional(),
  theme: z.string().regex(/^[a-z][a-z-]*$/, 'a lower-case kebab-case theme'),
  text: z.string().min(1),
  summary: localized.optional(),
  status: z.enum(COMMITMENT_STATUSES).default('not-started'),
  due: isoDate.optional(),
});

export const dialogueSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: localized,
    cadenceYears: z.number().int().min(1).max(10).default(1),
    alternateHost: z.boolean().default(true),
    parties: z.tuple([partySchema, partySchema]),
    source: z.strictObject({ url: z.url(), title: z.string(), publishedOn: isoDate }).optional(),
    /** Channels where this dialogue is the default for commands. */
    channels: z.array(slackChannelId).default([]),
    editors: z.array(slackUserId).default([]),
    reminderChannel: slackChannelId.optional(),
    reminders: reminderOverridesSchema.optional(),
    rounds: z.array(roundSchema).default([]),
    commitments: z.array(commitmentSchema).default([]),
  })
  .superRefine((d, ctx) => {
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
        ctx.addIssue({ code: 'custom', path: ['rounds', i, 'edition'], message: `edition ${r.edition} appears twice` });
      editions.add(r.edition);
    });
    const ids = new Set<string>();
    d.commitments.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['commitments', i, 'id'], message: `ID ${c.id} appears twice` });
      ids.add(c.id);
    });
  });
export type DialogueConfig = z.infer<typeof dialogueSchema>;
