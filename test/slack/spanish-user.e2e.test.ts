import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/context.js';
import { verbNames } from '../../src/commands/verbs.js';
import { ENGLISH_WORDS, INTERNALS, prose, SPANISH_FAULTS } from '../support/spanish.js';
import { DIALECTS } from '../support/store.js';
import {
  answerTo,
  commandBody,
  EDITOR,
  eventBody,
  postSigned,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON is inspected freely
type Json = Record<string, any>;

const CHANNEL = 'CDIALOGUE';
const OTHER = 'U0ANA1';

/**
 * A valid sample of every verb of the registry, in an order that makes each
 * one do its work (a round scheduled before it is postponed, a change before
 * it is undone). A test checks that every verb is here.
 */
const SAMPLES: Record<CommandName, Record<string, string[]>> = {
  '/dialogue': {
    help: [''],
    next: [''],
    cycle: [''],
    brief: ['', ' page 1'],
    schedule: [' 2025-04-09 10:00-17:30 Londres', ' 2025-04-12'],
    held: [' 2025-02-20'],
    postpone: [' motivos de agenda'],
    cancel: [' falta de quórum'],
    subscribe: ['', ' mine', ' reset'],
    // A feed it lacks (and the ones it has), the one it has, stopped; then nothing is left to stop.
    unsubscribe: [' --dialogue mexico-uk', '', ' confirmar', ' todo confirmar'],
    reminders: [''],
    'remind-here': [''],
    import: [''],
    undo: [''],
    export: ['', ' md'],
    page: ['', ' compartir ministro', ' links', ' revoke ministro', ' reset'],
    lang: [' es', ''],
  },
  '/commitments': {
    list: ['', ' open', ' igualdad-de-genero', ` <@${EDITOR}>`, ' all page 1'],
    show: [' R1-4', ' R1-7a'],
    update: [' R1-4 en-curso primera reunión de seguimiento', ' R1-6 descartado'],
    assign: [` R1-4 <@${EDITOR}> mx`, ` R1-4 <@${OTHER}> reino-unido`],
    due: [' R1-4 2025-03-15'],
    note: [' R1-4 la embajada enviará una propuesta'],
    add: [' Intercambiar información sobre la agenda de la Asamblea General'],
    history: [' R1-4'],
    undo: [''],
    help: [''],
  },
};

/** Every human-readable string of a Slack payload (message or view): texts, labels, placeholders, options. */
function slackTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) slackTexts(v, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string' && (k === 'text' || k === 'title')) out.push(v);
      else if (k !== 'value' && k !== 'private_metadata' && k !== 'action_id' && k !== 'url') slackTexts(v, out);
    }
  return out;
}

/** Slack mrkdwn back to words: mentions and links out, escapes undone. */
function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[CGD][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<(?:https?|webcal):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(?:https?|webcal):[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200b|\u200d|[*_~]/g, '');
}

/**
 * Words that are allowed to be English in a Spanish reply: a text that only
 * exists in English, marked as such (“… (en inglés)”), and what a user typed.
 */
function withoutMarkedEnglish(text: string): string {
  return text
    .replace(/“[^”]*”\s*\(en inglés\)/g, ' ')
    .replace(/[^\n•·“”]*\(en inglés\)/g, ' ')
    .replace(/@U[A-Z0-9]+/g, ' ');
}

interface Finding {
  readonly where: string;
  readonly text: string;
  readonly why: string;
}

/** English prose, Spain-isms and internals in what a Spanish reader was shown. */
function faults(where: string, texts: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const raw of texts) {
    const text = plain(raw);
    const readable = prose(withoutMarkedEnglish(text));
    for (const m of readable.matchAll(new RegExp(ENGLISH_WORDS.source, 'gi')))
      out.push({ where, text, why: `English “${m[0]}”` });
    for (const [re, why] of SPANISH_FAULTS) if (re.test(text)) out.push({ where, text, why });
    if (INTERNALS.test(text)) out.push({ where, text, why: 'internal name' });
  }
  return out;
}

describe.each(DIALECTS)('a Spanish-speaking user reads everything in Spanish (%s)', (dialect) => {
  let h: SlackHarness;
  const findings: Finding[] = [];
  let feedPath: string | null = null;

  beforeAll(async () => {
    h = await startSlackApp(dialect, 'spanish_user', { env: { REMINDER_CHANNEL: CHANNEL } });
    // Slack says the user reads Spanish (es-LA) and lives in Mexico City.
    h.fake.on('users.info', (args) => ({
      body: { ok: true, user: { id: args.user, locale: 'es-LA', tz: 'America/Mexico_City', real_name: 'Ana' } },
    }));
  });
  afterAll(async () => {
    await h.close();
  });

  it('has a sample for every verb of the registry', () => {
    for (const command of ['/dialogue', '/commitments'] as const)
      expect(Object.keys(SAMPLES[command]).sort()).toEqual([...verbNames(command)].sort());
  });

  it('runs every verb of both commands and is answered in Spanish', async () => {
    for (const command of ['/dialogue', '/commitments'] as const)
      for (const [verb, samples] of Object.entries(SAMPLES[command]))
        for (const args of samples) {
          const text = `${verb}${args}`;
          const before = h.fake.callsTo('views.open').length;
          const { body, method } = commandBody(h.fake, { command, text, channel_id: CHANNEL, user_id: EDITOR });
          await postSigned(h.url, body);
          let payload: Json;
          if (command === '/dialogue' && verb === 'import')
            payload = await waitFor(() => h.fake.callsTo('views.open')[before]?.args.view as Json, 'the import form');
          else payload = await answerTo(h.fake, method);
          await h.app.idle();
          const texts = slackTexts(payload);
          expect(texts.length, `${command} ${text}`).toBeGreaterThan(0);
          if (verb === 'help') expect(texts.join('\n')).toMatch(/el ciclo del diálogo|lo que los dos gobiernos/);
          findings.push(...faults(`${command} ${text}`, texts));
        }
    expect(findings.map((f) => `${f.where}: ${f.why} in “${f.text}”`).join('\n')).toBe('');
  });

  it('sees App Home in Spanish', async () => {
    const before = h.fake.callsTo('views.publish').length;
    const opened = eventBody({ type: 'app_home_opened', user: EDITOR, channel: 'DHOME', tab: 'home' });
    await postSigned(h.url, opened, { contentType: 'application/json' });
    const view = await waitFor(() => h.fake.callsTo('views.publish')[before]?.args.view as Json, 'App Home');
    await h.app.idle();
    const found = faults('App Home', slackTexts(view));
    expect(found.map((f) => `${f.why} in “${f.text}”`).join('\n')).toBe('');
  });

  it('gets a commitment reminder DM in Spanish', async () => {
    // R1-4 is theirs (for Mexico) and due on 15 March: the 14- and 7-day reminders come as DMs.
    for (const day of ['2025-03-01', '2025-03-03', '2025-03-07', '2025-03-08', '2025-03-10'])
      for (let hour = 0; hour < 24; hour += 2)
        await h.app.runTick(new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`));
    const dms = h.fake
      .callsTo('chat.postMessage')
      .map((c) => c.args)
      .filter((m) => m.channel === EDITOR);
    expect(dms.length).toBeGreaterThan(0);
    expect(JSON.stringify(dms)).toContain('R1-4');
    const found = dms.flatMap((m) => faults('reminder DM', slackTexts(m)));
    expect(found.map((f) => `${f.why} in “${f.text}”`).join('\n')).toBe('');
  });

  it('subscribes to a calendar feed written in Spanish', async () => {
    // `unsubscribe` above revoked the first address: subscribe again.
    const { body, method } = commandBody(h.fake, { text: 'suscribir', channel_id: CHANNEL, user_id: EDITOR });
    await postSigned(h.url, body);
    feedPath = /\/calendar\/[A-Za-z0-9_-]+\.ics/.exec(JSON.stringify(await answerTo(h.fake, method)))?.[0] ?? null;
    expect(feedPath).not.toBeNull();
    const res = await fetch(`http://127.0.0.1:${h.app.port}${feedPath}`);
    expect(res.status).toBe(200);
    const ics = (await res.text()).replace(/\r\n[ \t]/g, '');
    const values = ics
      .split(/\r\n/)
      .filter((line) => /^(SUMMARY|DESCRIPTION|LOCATION|X-WR-CALNAME|X-WR-CALDESC|NAME)[;:]/.test(line))
      .map((line) =>
        line
          .replace(/^[^:]*:/, '')
          .replace(/\\n/g, '\n')
          .replace(/\\([,;\\])/g, '$1'),
      );
    expect(values.length).toBeGreaterThan(2);
    const found = faults('calendar feed', values);
    expect(found.map((f) => `${f.why} in “${f.text}”`).join('\n')).toBe('');
  });
});
