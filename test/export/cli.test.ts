import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { openCore } from '../../src/core.js';
import { captureIo } from '../support/cli.js';
import { PG_URL, testConfig, workerSchema } from '../support/store.js';
import { ENV, fillStore, SEED_AT } from './support.js';

const IDS = ['R1-4', 'R1-6', 'R1-7a', 'R1-7b', 'R1-7c', 'R1-8', 'A1'];

describe('dialogue-bot export, brief, backup, restore, migrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-cli-'));
  const db = join(dir, 'cli.db');
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const c = captureIo(dir, env);
    const code = await runCli(args, c.io);
    return { code, out: c.out.join(''), err: c.err.join('') };
  };

  beforeAll(async () => {
    const core = await openCore({
      config: testConfig({ ...ENV, DATABASE_URL: `sqlite:${db}` }),
      now: SEED_AT,
      logDestination: { write: () => {} } as never,
    });
    try {
      await fillStore(core);
    } finally {
      await core.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports commitments as CSV on stdout that a CSV parser reads back', async () => {
    const r = await run(['export', '--what', 'commitments', '--format', 'csv', '--bom']);
    expect(r.code).toBe(0);
    expect(r.out.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(r.out, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((x) => x.id)).toEqual(IDS);
  });

  it('writes all three tables as CSV files into a folder, and JSON and Markdown to a file', async () => {
    const r = await run(['export', '--what', 'all', '--format', 'csv', '--out', 'out']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/exported 7 commitments, 2 rounds, \d+ changes to /);
    for (const t of ['commitments', 'rounds', 'history'])
      expect(parse(readFileSync(join(dir, 'out', `${t}.csv`)), { columns: true }).length).toBeGreaterThan(1);
    expect((await run(['export', '--what', 'all', '--format', 'json', '--out', 'all.json'])).code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'));
    expect(doc.commitments.map((c: { id: string }) => c.id)).toEqual(IDS);
    const md = await run(['export', '--dialogue', 'mexico-uk', '--what', 'rounds', '--format', 'md', '--lang', 'es']);
    expect(md.out).toContain('## Rondas');
    expect(md.out).toContain('| 2 | programada | 2025-05-14 10:00 |');
  });

  it('bad input: exit 2, a specific message, no file written', async () => {
    const cases: [string[], RegExp][] = [
      [['export', '--format', 'csv'], /--what is required/],
      [['export', '--what', 'everything', '--format', 'csv'], /--what: "everything" is not one of/],
      [['export', '--what', 'rounds', '--format', 'xlsx'], /--format: "xlsx" is not one of csv, json, md/],
      [['export', '--what', 'all', '--format', 'csv'], /name a folder with --out/],
      [['export', '--what', 'rounds', '--format', 'csv', '--dialogue', 'nope'], /no dialogue "nope"/],
      [['brief', '--format', 'pdf'], /--format: "pdf" is not one of docx, md/],
      [['brief', '--format', 'md', '--lang', 'fr'], /--lang: use en or es/],
      [['backup'], /--out FILE is required/],
      [['restore'], /give one backup file/],
      [['restore', 'missing.json'], /cannot read/],
      [['migrate'], /--to <DATABASE_URL> is required/],
      [['migrate', '--to', 'mysql://x'], /not a sqlite: or postgres:\/\/ URL/],
      [['migrate', '--to', `sqlite:${db}`], /already uses/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
  });

  it('brief --format docx: a Word document with every commitment ID and the next round, in both languages', async () => {
    for (const [lang, next, status] of [
      [
        'en',
        /Next round\s+Round 2 · The United Kingdom · scheduled Wednesday,? 14 May 2025, 10:00 BST London/,
        'In progress',
      ],
      [
        'es',
        /Próxima ronda\s+Ronda 2 · El Reino Unido · programada (?:para el )?miércoles,? 14 de mayo de 2025/,
        'En curso',
      ],
    ] as const) {
      const file = `brief-${lang}.docx`;
      const r = await run(['brief', '--format', 'docx', '--lang', lang, '--out', file, '--at', '2025-02-01T10:00:00Z']);
      expect(r.code, r.err).toBe(0);
      const { value: text } = await mammoth.extractRawText({ path: join(dir, file) });
      for (const id of IDS) expect(text, `${lang} ${id}`).toContain(id);
      expect(text).toMatch(next);
      expect(text).toContain(status);
      expect(text).toContain(lang === 'en' ? 'Briefing pack · round 2' : 'Paquete informativo · ronda 2');
      expect(text).toContain('UANA123');
      expect(text).toContain('primer taller: “reforma”, en curso');
    }
    const md = await run(['brief', '--format', 'md', '--at', '2025-02-01T10:00:00Z']);
    expect(md.code).toBe(0);
    for (const id of IDS) expect(md.out).toContain(`| ${id} |`);
    // Without --out, a docx goes to a file named after the dialogue and round.
    const named = await run(['brief', '--format', 'docx', '--at', '2025-02-01T10:00:00Z']);
    expect(named.out).toContain('brief-mexico-uk-round-2.docx');
    expect(existsSync(join(dir, 'brief-mexico-uk-round-2.docx'))).toBe(true);
  });

  it('backup → restore into a new database → the same export; a second restore is refused without --force', async () => {
    const before = await run(['export', '--what', 'all', '--format', 'json']);
    const b = await run(['backup', '--out', 'backup.json']);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/written to .*backup\.json: .*commitments 7/);
    const other = { DATABASE_URL: `sqlite:${join(dir, 'restored.db')}` };
    const r = await run(['restore', 'backup.json'], other);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/restored .*backup\.json .* commitments 7/);
    expect((await run(['export', '--what', 'all', '--format', 'json'], other)).out).toBe(before.out);
    const again = await run(['restore', 'backup.json'], other);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/not empty .* --force/);
    expect((await run(['restore', 'backup.json', '--force'], other)).code).toBe(0);
  });

  it.runIf(PG_URL)('migrate --to postgres://… copies, verifies and prints what it did', async () => {
    const schema = workerSchema('migrate_cli');
    const admin = new pg.Client({ connectionString: PG_URL! });
    await admin.connect();
    try {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`create schema ${schema}`);
    } finally {
      await admin.end();
    }
    const url = new URL(PG_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const r = await run(['migrate', '--to', url.toString()]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\(sqlite\) → postgres:.*\(postgres\)/);
    expect(r.out).toMatch(/ok {2}commitments +7 rows/);
    expect(r.out).toMatch(/verified: \d+ tables, \d+ rows identical/);
    const twice = await run(['migrate', '--to', url.toString()]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/target database is not empty/);
  });
});
