import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/store.js';
import {
  allText,
  answerTo,
  blockActionBody,
  commandBody,
  EDITOR,
  postSigned,
  READER,
  type SlackHarness,
  startSlackApp,
  waitFor,
} from './helpers.js';

const IDS = ['R1-4', 'R1-6', 'R1-7a', 'R1-7b', 'R1-7c', 'R1-8'];

describe.each(DIALECTS)('exports in Slack (%s)', (dialect) => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  async function command(text: string, user = EDITOR) {
    const { body, method } = commandBody(h.fake, { text, user_id: user });
    expect((await postSigned(h.url, body)).status).toBe(200);
    return answerTo(h.fake, method);
  }

  it('/dialogue export sends the three CSV files to the asker as a direct-message file', async () => {
    h = await startSlackApp(dialect, 'slack_export');
    const answer = await command('export', READER);
    expect(allText(answer)).toContain('mexico-uk-commitments.csv, mexico-uk-rounds.csv, mexico-uk-history.csv');
    const files = await waitFor(() => h.fake.completedUploads().length === 3 && h.fake.completedUploads(), '3 files');
    // To the asker's DM, opened for them.
    expect(h.fake.callsTo('conversations.open').at(-1)?.args.users).toBe(READER);
    for (const f of files) expect(f.channel).toBe(`D${READER}`);
    const commitments = files.find((f) => f.filename === 'mexico-uk-commitments.csv')!;
    // A UTF-8 byte-order mark first, so Excel reads accents right.
    expect([...commitments.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(commitments.bytes, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(IDS);
    expect(rows[0]!.title_es).toContain('Reformar');
    const history = parse(files.find((f) => f.filename === 'mexico-uk-history.csv')!.bytes, {
      columns: true,
      bom: true,
    });
    expect(history.length).toBeGreaterThan(0);
    expect(commitments.title).toContain('Commitments');
  });

  it('/dialogue export md sends one Markdown file; anything else gets the usage', async () => {
    h = await startSlackApp(dialect, 'slack_export');
    await command('export md');
    const [file] = await waitFor(() => h.fake.completedUploads().length === 1 && h.fake.completedUploads(), 'a file');
    expect(file!.filename).toBe('mexico-uk-export.md');
    const md = file!.bytes.toString('utf8');
    expect(md).toContain('## Commitments');
    for (const id of IDS) expect(md).toContain(`| ${id} |`);
    const usage = await command('export pdf');
    expect(allText(usage)).toContain('Usage: /dialogue export [csv|md]');
  });

  it('says so when Slack refuses the file (e.g. the files:write scope is missing)', async () => {
    h = await startSlackApp(dialect, 'slack_export');
    h.fake.failNext('files.getUploadURLExternal', { body: { ok: false, error: 'missing_scope' } });
    const { body, method } = commandBody(h.fake, { text: 'export' });
    await postSigned(h.url, body);
    const said = await waitFor(
      () => h.fake.callsTo(method).find((c) => allText(c.args).includes('could not send you the file')),
      'the failure told',
    );
    expect(said).toBeTruthy();
    expect(h.fake.completedUploads()).toHaveLength(0);
  });

  it('the brief has a Download button that sends the briefing pack as a Word document', async () => {
    h = await startSlackApp(dialect, 'slack_export');
    const brief = await command('brief');
    expect(allText(brief)).toContain('"action_id":"brief.download:mexico-uk"');
    const { body, method } = blockActionBody(h.fake, { actionId: 'brief.download:mexico-uk', value: 'mexico-uk' });
    expect((await postSigned(h.url, body)).status).toBe(200);
    const [file] = await waitFor(() => h.fake.completedUploads().length === 1 && h.fake.completedUploads(), 'the docx');
    expect(file!.filename).toBe('brief-mexico-uk-round-2-en.docx');
    expect(file!.channel).toBe(`D${EDITOR}`);
    const { value: text } = await mammoth.extractRawText({ buffer: file!.bytes });
    for (const id of IDS) expect(text).toContain(id);
    expect(text).toContain('Round 2 · The United Kingdom');
    const confirm = await waitFor(() => h.fake.callsTo(method)[0]?.args, 'the confirmation');
    expect(allText(confirm)).toContain('brief-mexico-uk-round-2-en.docx');
  });
});
