import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core.js';
import type { AnnouncementSender } from '../../src/services/outbox.service.js';
import { listAuditEvents } from '../../src/store/audit.repository.js';
import { DIALECTS, openTestCore, REPO, testConfig, workerSchema } from '../support/store.js';

const AT = '2025-07-01T12:00:00.000Z';

describe.each(DIALECTS)('a replica killed with SIGKILL while it changes things (%s)', (dialect) => {
  it('loses no announcement: what it committed is announced by the next replica', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crash-'));
    const out = join(dir, 'announced.jsonl');
    const schema = dialect === 'postgres' ? workerSchema('changes_crash') : '';
    const env = {
      EDITORS: 'U0EDITOR',
      ...(dialect === 'sqlite' ? { DATABASE_URL: `sqlite:${join(dir, 'store.db')}` } : {}),
    };
    try {
      if (dialect === 'postgres') await (await openTestCore('postgres', { env, tag: 'changes_crash' })).close();
      const config = testConfig(env, dialect);
      const child = spawn(
        process.execPath,
        // tsx as a loader (not its CLI, which would run the script in a grandchild the kill would miss).
        ['--import', 'tsx', join(REPO, 'test/changes/crash-worker.ts')],
        {
          cwd: REPO,
          env: {
            ...process.env,
            DATABASE_URL: config.env.databaseUrl,
            CONFIG_DIR: join(REPO, 'config'),
            EDITORS: 'U0EDITOR',
            LOG_LEVEL: 'silent',
            CRASH_SCHEMA: schema,
            CRASH_AT: AT,
            CRASH_OUT: out,
            CRASH_STALL_FROM: '10',
          },
        },
      );
      let committed = -1;
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ? 137 : code)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        let buffer = '';
        child.stdout.on('data', (chunk: string) => {
          buffer += chunk;
          for (const m of buffer.matchAll(/committed (\d+)\n/g)) committed = Math.max(committed, Number(m[1]));
          // Killed mid-stream: well past the point where deliveries stalled.
          if (committed >= 25) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => resolve());
        child.on('error', reject);
      });
      expect(await exited).toBe(137);

      const core = await openCore({
        config: testConfig(env, dialect),
        schema: schema || undefined,
        now: new Date(AT),
        logDestination: { write: () => {} } as never,
      });
      try {
        const notes = (await listAuditEvents(core.store.db, 'mexico-uk', 'commitment', 'R1-4')).filter(
          (e) => e.action === 'note',
        );
        expect(notes.length).toBeGreaterThanOrEqual(26);
        const before = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean) : [];
        // The crash left committed changes unannounced (deliveries stalled at the tenth).
        expect(before.length).toBeLessThan(notes.length);
        const sender: AnnouncementSender = {
          async announce(a) {
            const { appendFileSync } = await import('node:fs');
            appendFileSync(out, `${JSON.stringify({ by: 'next', summary: a.reply.summary })}\n`);
          },
        };
        // The next replica's tick, once the dead one's lease has run out.
        await core.services.outbox.deliverDue(sender, new Date(AT), { wallNow: Date.now() + 6 * 60_000 });
        const announced = readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { summary: string });
        expect(announced.length).toBeGreaterThanOrEqual(notes.length);
        expect(announced.filter((a) => a.summary.startsWith('R1-4: note added.')).length).toBe(announced.length);
        const pending = (await core.services.outbox.list('mexico-uk')).filter((r) => r.status !== 'sent');
        expect(pending).toEqual([]);
        // One announcement per committed change (the stalled one was never posted, so it is posted once).
        expect((await core.services.outbox.list('mexico-uk')).length).toBe(notes.length);
        expect(announced.length).toBe(notes.length);
      } finally {
        await core.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
