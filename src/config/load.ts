import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type * as z from 'zod/mini';
import type { Dialogue } from '../domain/types.js';
import {
  type AppSettings,
  appSchema,
  type DialogueConfig,
  dialogueSchema,
  mergeReminderRules,
  type ReminderRules,
} from './schema.js';

/** A problem in one file (or the environment): exits the CLI with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'config.invalid';
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${file}: ${path}: ${problem}` : `${file}: ${problem}`);
  }
}

export interface EnvSettings {
  readonly slackBotToken: string | null;
  readonly slackSigningSecret: string | null;
  readonly slackAppToken: string | null;
  readonly slackApiUrl: string | null;
  readonly databaseUrl: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly configDir: string;
  readonly editors: readonly string[];
  readonly reminderChannel: string | null;
  /** Bearer token for GET /metrics from outside loopback (METRICS_TOKEN). */
  readonly metricsToken: string | null;
}

export interface DialogueSettings {
  readonly dialogue: Dialogue;
  /** The seed: what the store starts from. The store is the truth afterwards. */
  readonly seed: DialogueConfig;
  readonly reminders: ReminderRules;
  readonly editors: readonly string[];
  readonly channels: readonly string[];
}

export interface Config {
  readonly app: AppSettings;
  readonly env: EnvSettings;
  readonly dialogues: readonly DialogueSettings[];
}

/** `a.b[1].c` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

function parseFile<S extends z.ZodMiniType>(file: string, shownAs: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(shownAs, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const where = yamlError.linePos?.[0];
    throw new ConfigError(shownAs, where ? `line ${where.line}` : '', yamlError.message.split('\n')[0]!);
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(shownAs, formatPath(issue.path), issue.message);
  }
  return result.data;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readEnv(env: NodeJS.ProcessEnv, cwd: string): EnvSettings {
  const bad = (name: string, problem: string): never => {
    throw new ConfigError('environment', name, problem);
  };
  const get = (name: string): string | null => {
    const v = env[name]?.trim();
    return v ? v : null;
  };
  const portText = get('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) bad('PORT', `not a port number: "${portText}"`);
  const databaseUrl = get('DATABASE_URL') ?? 'sqlite:./data/dialogue.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) bad('DATABASE_URL', 'expected sqlite:<path> or postgres://…');
  const publicUrl = (get('PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (!URL.canParse(publicUrl)) bad('PUBLIC_URL', `not a URL: "${publicUrl}"`);
  const slackApiUrl = get('SLACK_API_URL');
  if (slackApiUrl && !URL.canParse(slackApiUrl)) bad('SLACK_API_URL', `not a URL: "${slackApiUrl}"`);
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) bad('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  const editors = (get('EDITORS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of editors) if (!/^[UW][A-Z0-9]{2,}$/.test(e)) bad('EDITORS', `not a Slack user ID: "${e}"`);
  const reminderChannel = get('REMINDER_CHANNEL');
  if (reminderChannel && !/^[CGD][A-Z0-9]{2,}$/.test(reminderChannel))
    bad('REMINDER_CHANNEL', `not a Slack channel ID: "${reminderChannel}"`);
  return {
    slackBotToken: get('SLACK_BOT_TOKEN'),
    slackSigningSecret: get('SLACK_SIGNING_SECRET'),
    slackAppToken: get('SLACK_APP_TOKEN'),
    slackApiUrl,
    databaseUrl,
    port,
    publicUrl,
    logLevel,
    configDir: resolve(cwd, get('CONFIG_DIR') ?? './config'),
    editors,
    reminderChannel,
    metricsToken: get('METRICS_TOKEN'),
  };
}

function toDialogue(d: DialogueConfig, app: AppSettings, reminderChannel: string | null): Dialogue {
  return {
    id: d.id,
    name: d.name,
    cadenceYears: d.cadenceYears,
    alternateHost: d.alternateHost,
    parties: d.parties,
    timezone: app.timezone,
    source: d.source ?? null,
    reminderChannel: d.reminderChannel ?? reminderChannel ?? app.reminderChannel,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Reads `default.yml`, `dialogues/*.yml` and the environment once; throws ConfigError naming file, path, problem. */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const env = readEnv(options.env ?? process.env, cwd);
  const shown = (file: string) => relative(cwd, file) || file;
  const defaultFile = join(env.configDir, 'default.yml');
  const app = parseFile(defaultFile, shown(defaultFile), appSchema);
  const dialoguesDir = join(env.configDir, 'dialogues');
  let files: string[];
  try {
    files = readdirSync(dialoguesDir)
      .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
      .sort();
  } catch {
    throw new ConfigError(shown(dialoguesDir), '', 'folder not found (it holds one <id>.yml per dialogue)');
  }
  if (files.length === 0) throw new ConfigError(shown(dialoguesDir), '', 'no dialogue configured (add <id>.yml)');
  const seen = new Set<string>();
  const dialogues = files.map((f): DialogueSettings => {
    const file = join(dialoguesDir, f);
    const seed = parseFile(file, shown(file), dialogueSchema);
    if (seen.has(seed.id)) throw new ConfigError(shown(file), 'id', `dialogue "${seed.id}" is defined twice`);
    seen.add(seed.id);
    return {
      dialogue: toDialogue(seed, app, env.reminderChannel),
      seed,
      reminders: mergeReminderRules(app.reminders, seed.reminders),
      editors: [...new Set([...app.editors, ...seed.editors, ...env.editors])],
      channels: seed.channels,
    };
  });
  return deepFreeze({ app, env, dialogues });
}
