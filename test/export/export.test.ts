import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.js';
import { briefPackDocx, buildBriefPack } from '../../src/export/brief-pack.js';
import { CSV_COLUMNS, toCsv, toJson, toMarkdown } from '../../src/export/formats.js';
import { DIALECTS, openTestCore } from '../support/store.js';
import { ENV, fillStore, SEED_AT } from './support.js';

describe.each(DIALECTS)('export (%s)', (dialect) => {
  let core: Core;
  beforeEach(async () => {
    core = await openTestCore(dialect, { tag: 'export', env: ENV, now: SEED_AT });
    await fillStore(core);
  });
  afterEach(async () => {
    await core.close();
  });

  const auditCount = async () => (await core.store.db.selectFrom('audit_events').select('id').execute()).length;

  it('CSV parses back with a real parser: every commitment, every round, every audited change', async () => {
    const data = await core.services.exports.collect(null, 'all');
    const commitments = await core.services.commitments.list('mexico-uk');
    expect(commitments.length).toBe(7);

    const rows = parse(toCsv(data, 'commitments', { bom: true }), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS.commitments]);
    expect(rows.map((r) => r.id)).toEqual(commitments.map((c) => c.id));
    const r4 = rows.find((r) => r.id === 'R1-4')!;
    expect(r4.status).toBe('in-progress');
    expect(r4.last_note).toBe('primer taller: “reforma”, en curso');
    expect(r4.title_es).toContain('Reformar');
    const r6 = rows.find((r) => r.id === 'R1-6')!;
    expect([r6.owner_1_side, r6.owner_1_slack_id, r6.owner_2_side, r6.owner_2_slack_id]).toEqual([
      'MX',
      'UANA123',
      'GB',
      'UBOB456',
    ]);
    expect(r6.due_date).toBe('2025-03-31');
    expect(r6.last_change).toBe('due:due_date');
    expect(rows.find((r) => r.id === 'R1-7a')!.last_note).toBe('draft paper shared, "v2" | see annex');
    const added = rows.find((r) => r.round === '')!;
    expect(added.text).toBe('Joint seminar on migrants’ rights, Mérida');

    const history = parse(toCsv(data, 'history'), { columns: true }) as Record<string, string>[];
    expect(history.length).toBe(await auditCount());
    expect(history.length).toBeGreaterThan(15);
    const ids = history.map((h) => Number(h.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(history.some((h) => h.field === 'status' && h.from === 'not-started' && h.to === 'in-progress')).toBe(true);

    const rounds = parse(toCsv(data, 'rounds'), { columns: true }) as Record<string, string>[];
    expect(rounds.map((r) => [r.edition, r.state, r.date, r.host, r.city])).toEqual([
      ['1', 'held', '2024-01-16', 'MX', ''],
      ['2', 'scheduled', '2025-05-14', 'GB', 'London'],
    ]);
  });

  it('CSV is RFC 4180: CRLF records, quoted fields, an optional UTF-8 BOM', async () => {
    const data = await core.services.exports.collect('mexico-uk', 'commitments');
    const plain = toCsv(data, 'commitments');
    expect(plain.startsWith('dialogue,id,')).toBe(true);
    expect(plain).toContain('\r\n');
    expect(plain).toContain('"draft paper shared, ""v2"" | see annex"');
    const withBom = toCsv(data, 'commitments', { bom: true });
    expect(Buffer.from(withBom, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(withBom.slice(1)).toBe(plain);
  });

  it('JSON holds every commitment and change, in the documented shape', async () => {
    const doc = JSON.parse(toJson(await core.services.exports.collect(null, 'all')));
    expect(doc.format).toBe('dialogue-tracker-export');
    expect(doc.version).toBe(1);
    expect(doc.dialogues).toEqual([{ id: 'mexico-uk', name: expect.objectContaining({ en: expect.any(String) }) }]);
    expect(doc.commitments).toHaveLength(7);
    expect(doc.history).toHaveLength(await auditCount());
    const r6 = doc.commitments.find((c: { id: string }) => c.id === 'R1-6');
    expect(r6.owners).toEqual([
      { side: 'MX', sideName: { en: 'Mexico', es: 'México' }, slackId: 'UANA123' },
      { side: 'GB', sideName: expect.any(Object), slackId: 'UBOB456' },
    ]);
    expect(r6.lastChange).toMatchObject({ by: 'UEDITOR1', action: 'due', field: 'due_date' });
    // --what narrows the document.
    const only = JSON.parse(toJson(await core.services.exports.collect(null, 'rounds')));
    expect(Object.keys(only).sort()).toEqual(['dialogues', 'format', 'rounds', 'version']);
  });

  it('Markdown: a table row per commitment and per change, pipes escaped, headings in the language', async () => {
    const data = await core.services.exports.collect(null, 'all');
    const md = toMarkdown(data, 'en');
    const commitmentRows = md
      .split('## Commitments')[1]!
      .split('## Rounds')[0]!
      .split('\n')
      .filter((l) => /^\| (R1-|A)\w/.test(l));
    expect(commitmentRows).toHaveLength(7);
    const historyRows = md
      .split('## History')[1]!
      .split('\n')
      .filter((l) => /^\| \d+ \|/.test(l));
    expect(historyRows).toHaveLength(await auditCount());
    expect(md).toContain('draft paper shared, "v2" \\| see annex');
    // Every row has as many cells as the header.
    for (const line of commitmentRows) expect(line.split(/(?<!\\)\|/).length).toBe(12);
    const es = toMarkdown(data, 'es');
    expect(es).toContain('## Compromisos');
    expect(es).toContain('en curso');
  });

  it('the docx briefing pack holds every commitment ID and the next round, in English and Spanish', async () => {
    const now = new Date('2025-02-01T10:00:00Z');
    const brief = await core.services.briefs.brief('mexico-uk', now);
    const cycle = await core.services.cycle.view('mexico-uk', now, 1);
    const ids = (await core.services.commitments.list('mexico-uk')).map((c) => c.id);
    for (const [lang, next] of [
      ['en', /Next round\s+Round 2 · The United Kingdom · scheduled Wednesday,? 14 May 2025/],
      ['es', /Próxima ronda\s+Ronda 2 · El Reino Unido · programada (?:para el )?miércoles,? 14 de mayo de 2025/],
    ] as const) {
      const buffer = await briefPackDocx(buildBriefPack(brief, cycle.entries, lang, now), lang);
      const { value: text } = await mammoth.extractRawText({ buffer });
      for (const id of ids) expect(text, `${lang} ${id}`).toContain(id);
      expect(text).toMatch(next);
      // Progress since the round, in the reader's language.
      expect(text).toContain(lang === 'en' ? 'status: not started → in progress' : 'estado: sin iniciar → en curso');
    }
  });

  it('an unknown dialogue is refused', async () => {
    await expect(core.services.exports.collect('nope', 'all')).rejects.toMatchObject({ code: 'dialogue.not_found' });
  });
});
