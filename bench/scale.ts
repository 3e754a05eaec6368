import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, type DialogueSettings, loadConfig } from '../src/config/load.js';
import type { DialogueConfig } from '../src/config/schema.js';
import { type Core, openCore } from '../src/core.js';
import type { Notifier } from '../src/services/notifier.js';
import { REPO } from './build.js';
import { fmt, ms } from './commands.js';
import { markdownTable } from './table.js';
import type { BenchOptions, BenchSection, SectionResult } from './types.js';

export const SIZES = [1, 100, 1_000] as const;
const COMMITMENTS = 50;
const SUBSCRIBERS = 300;
const EDITOR = 'ULOCAL';
const CHANNEL = 'CBENCH01';
/** When the stores are seeded. */
const SEEDED = new Date('2026-01-05T12:00:00Z');
/**
 * The first dialogue's commitments are due on Wednesday 18 March 2026 and each
 * has two owners: 50 × 2 DMs fire at the 7-days-before reminder, 09:00 London
 * (GMT) on 11 March. Every other commitment is due in late 2027.
 */
const HOT_DUE = '2026-03-18';
const DUE_100 = new Date('2026-03-11T09:00:30Z');
/** A Thursday afternoon with nothing in the catch-up window of any dialogue. */
export const QUIET = new Date('2026-03-12T14:00:00Z');

function dialogueId(i: number): string {
  return `d${String(i + 1).padStart(4, '0')}`;
}

function commitmentSeeds(i: number): DialogueConfig['commitments'] {
  return Array.from({ length: COMMITMENTS }, (_, j) => {
    // Later dialogues: due dates spread over the second half of 2027, some with none.
    const due =
      i === 0
        ? HOT_DUE
        : j % 5 === 4
          ? undefined
          : `2027-${String(7 + ((i + j) % 6)).padStart(2, '0')}-${String(1 + ((i * 7 + j) % 28)).padStart(2, '0')}`;
    return {
      id: `C1-${j + 1}`,
      theme: ['human-rights', 'multilateral', 'gender', 'migration', 'technology'][j % 5]!,
      text: `Commitment ${j + 1} of ${dialogueId(i)}: continue cooperation in multilateral fora, exchange good practice and report back before the next round of the dialogue.`,
      status: j % 7 === 6 ? 'in-progress' : 'not-started',
      ...(due ? { due } : {}),
    };
  });
}

/** config/ with its one dialogue cloned `n` times (ids d0001…), each with 50 commitments. */
export function configFor(n: number, databaseUrl: string, cwd: string): Config {
  const base = loadConfig({ env: { DATABASE_URL: databaseUrl, CONFIG_DIR: join(REPO, 'config') }, cwd });
  const first = base.dialogues[0]!;
  const dialogues: DialogueSettings[] = Array.from({ length: n }, (_, i) => ({
    ...first,
    dialogue: { ...first.dialogue, id: dialogueId(i), reminderChannel: CHANNEL },
    seed: { ...first.seed, id: dialogueId(i), commitments: commitmentSeeds(i) },
  }));
  return { ...base, dialogues };
}

/** A notifier that delivers nowhere (the tick's own cost is what is measured). */
const nowhere: Notifier = {
  async send(n) {
    return { channel: n.audience.id, ts: null };
  },
};

async function median(runs: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work(i);
    times.push(performance.now() - t);
  }
  return middle(times);
}

function middle(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface SizeResult {
  readonly dialogues: number;
  readonly seedSeconds: number;
  readonly coldTick: number;
  readonly quietTick: number;
  readonly dueTick: number;
  readonly dueSent: number;
  readonly quietSent: number;
  readonly list: number;
  readonly listFresh: number;
  readonly feed: number;
  readonly feedBytes: number;
}

async function measureSize(n: number, dir: string): Promise<SizeResult> {
  const dbUrl = `sqlite:${join(dir, `scale-${n}.db`)}`;
  const t0 = performance.now();
  const core: Core = await openCore({
    config: configFor(n, dbUrl, dir),
    cwd: dir,
    now: SEEDED,
    logDestination: { write: () => {} } as never,
  });
  try {
    const { services, router } = core;
    const hot = dialogueId(0);
    for (const c of await services.commitments.list(hot)) {
      await services.commitments.assign(hot, EDITOR, c.id, `UMX${c.id.replace(/\W/g, '')}`, 'mx', SEEDED);
      await services.commitments.assign(hot, EDITOR, c.id, `UGB${c.id.replace(/\W/g, '')}`, 'uk', SEEDED);
      // Owners' reminders fire at 09:00 in each owner's own zone: the Mexican owners here are embassy
      // staff in London, so all 100 DMs fall due at one instant (else Mexico City's 50 come 6 h later).
      await services.users.rememberTimezone(`UMX${c.id.replace(/\W/g, '')}`, 'Europe/London', SEEDED);
    }
    for (let i = 0; i < SUBSCRIBERS; i++) {
      await services.feeds.subscribe(
        `USUB${i}`,
        { lang: i % 3 ? 'en' : 'es', mine: false, dialogueId: dialogueId(i % n) },
        SEEDED,
      );
    }
    const feed = await services.feeds.subscribe('UFEED1', { lang: 'en', mine: false, dialogueId: hot }, SEEDED);
    const seedSeconds = (performance.now() - t0) / 1000;

    const tick = (at: Date) => services.reminders.runDue(at, nowhere);
    // The first tick after a start reads every dialogue; later ones only what changed.
    const t = performance.now();
    const first = await tick(QUIET);
    const coldTick = performance.now() - t;
    let quietSent = first.sent.length;
    const quietTick = await median(31, async (i) => {
      const r = await tick(new Date(QUIET.getTime() + (i + 1) * 60_000));
      quietSent = Math.max(quietSent, r.sent.length);
    });

    let dueSent = 0;
    const dueTick = await median(7, async () => {
      // Fresh deliveries each time, so every run claims, sends and records them all.
      await core.store.db.deleteFrom('reminder_deliveries').execute();
      dueSent = (await tick(DUE_100)).sent.length;
    });

    const request = {
      command: '/commitments' as const,
      text: `list --dialogue ${hot}`,
      userId: 'UBENCH1',
      channelId: null,
      now: QUIET,
    };
    const sample = await router.handle(request);
    if (!sample.summary || /internal/i.test(sample.summary)) throw new Error(`list answered ${sample.summary}`);
    await median(5, () => router.handle(request));
    // Asked again with nothing changed: the kept answer (one revision read).
    const list = await median(31, () => router.handle(request));
    // The first answer after a change (not timed) is worked out afresh: store reads and rendering.
    const fresh: number[] = [];
    for (let i = 0; i < 31; i++) {
      await services.commitments.note(hot, EDITOR, 'C1-2', `bench note ${i}`, QUIET);
      const start = performance.now();
      await router.handle(request);
      fresh.push(performance.now() - start);
    }
    const listFresh = middle(fresh);

    let feedBytes = 0;
    const renders: number[] = [];
    for (let i = 0; i < 15; i++) {
      // The change is not timed; the render it forces (the cached feed is stale) is.
      await services.commitments.setDue(hot, EDITOR, 'C1-1', `2026-0${4 + (i % 5)}-${10 + i}`, QUIET);
      const start = performance.now();
      const doc = await services.feeds.document(feed.token, {}, QUIET);
      renders.push(performance.now() - start);
      if (!doc) throw new Error('feed not found');
      feedBytes = doc.body.length;
    }
    const feedMs = middle(renders);
    // The rows are only what they say while the scenario holds: a change in when reminders fire
    // (each owner's own zone, say) must stop the bench, not quietly measure 50 where it says 100.
    if (dueSent !== 100 || quietSent !== 0)
      throw new Error(`scale scenario broken: the "100 due" tick sent ${dueSent}, the quiet ticks ${quietSent}`);
    return {
      dialogues: n,
      seedSeconds,
      coldTick,
      quietTick,
      dueTick,
      dueSent,
      quietSent,
      list,
      listFresh,
      feed: feedMs,
      feedBytes,
    };
  } finally {
    await core.close();
  }
}

/**
 * How the work grows with the data: SQLite stores with 1, 100 and 1,000
 * dialogues (50 commitments each) and 300 feed subscribers, driven through
 * the services in this process.
 */
export const scaleSection: BenchSection = {
  id: 'scale',
  title: 'Scale: 1, 100 and 1,000 dialogues (50 commitments each, 300 subscribers), SQLite',
  async run(_options: BenchOptions): Promise<SectionResult> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
    try {
      const results: SizeResult[] = [];
      for (const n of SIZES) results.push(await measureSize(n, dir));
      return report(results);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function report(results: SizeResult[]): SectionResult {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  type Row = [string, (r: SizeResult) => number, string];
  const rows: Row[] = [
    ['first tick after start (reads every dialogue)', (r) => r.coldTick, ''],
    ['tick, nothing due (median of 31)', (r) => r.quietTick, 'flat: ≤ 1.5× from 1 to 1,000'],
    ['tick, 100 due: claim, send (no-op notifier), record (median of 7)', (r) => r.dueTick, ''],
    ['`/commitments list` for one dialogue, first answer after a change (median of 31)', (r) => r.listFresh, ''],
    ['`/commitments list` asked again, nothing changed: the kept answer (median of 31)', (r) => r.list, ''],
    ['feed render after a change, one dialogue (median of 15)', (r) => r.feed, ''],
  ];
  const head = [
    'ms',
    ...results.map((r) => `${fmt(r.dialogues)} dialogue${r.dialogues === 1 ? '' : 's'}`),
    '1,000 ÷ 1',
    'target',
  ];
  const cells = rows.map(([label, get, target]) => {
    const growth = get(last) / get(first);
    const verdict = target ? ` (${growth <= 1.5 ? 'met' : 'MISSED'})` : '';
    return [label, ...results.map((r) => ms(get(r))), `${fmt(growth, 2)}×`, target ? `${target}${verdict}` : ''];
  });
  const notes = [
    `Reminders sent by the "100 due" tick: ${results.map((r) => `${fmt(r.dueSent)}`).join(' / ')}; by the quiet ticks: ${results.map((r) => fmt(r.quietSent)).join(' / ')}.`,
    `Feed size: ${results.map((r) => `${fmt(r.feedBytes)} bytes`).join(' / ')}. Seeding the stores took ${results.map((r) => `${fmt(r.seedSeconds, 1)} s`).join(' / ')}.`,
  ];
  const markdown = [markdownTable(head, cells), '', ...notes].join('\n');
  const text = markdown;
  return { text, markdown };
}
