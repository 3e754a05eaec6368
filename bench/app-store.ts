/**
 * The store the app benches start from: the seeded Mexico–UK dialogue (from
 * config/) with the next round fixed, and owners and due dates on every
 * commitment, as a team using it would have it. Written with the real
 * services, then closed: the server process opens it as `npm start` would.
 */
import { join } from 'node:path';
import { openCore } from '../src/core.js';
import { REPO } from './build.js';
import { BOT_TOKEN, SIGNING_SECRET } from './procs.js';
import { USER } from './slash.js';

const EDITOR = 'ULOCAL';

export async function prepareAppStore(databaseUrl: string, cwd: string): Promise<void> {
  const now = new Date();
  const core = await openCore({
    env: { DATABASE_URL: databaseUrl, CONFIG_DIR: join(REPO, 'config'), LOG_LEVEL: 'warn' },
    cwd,
    now,
  });
  try {
    const { cycle, commitments } = core.services;
    const d = 'mexico-uk';
    const year = now.getUTCFullYear() + 1;
    await cycle.schedule(d, EDITOR, { date: `${year}-05-14`, time: '10:00', city: 'London' }, now);
    for (const [i, c] of (await commitments.list(d)).entries()) {
      await commitments.setDue(d, EDITOR, c.id, `${year}-0${1 + (i % 9)}-15`, now);
      await commitments.assign(d, EDITOR, c.id, i % 2 ? USER : 'UOTHER1', i % 2 ? 'mx' : 'uk', now);
    }
  } finally {
    await core.close();
  }
}

/** The environment `dialogue-bot start` gets: HTTP mode against the fake Slack. */
export function appEnv(port: number, databaseUrl: string, slackApiUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    CONFIG_DIR: join(REPO, 'config'),
    PUBLIC_URL: 'http://127.0.0.1',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    LOG_LEVEL: 'warn',
  };
}
