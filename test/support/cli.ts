import { join } from 'node:path';
import type { CliIo } from '../../src/cli.js';
import { REPO } from './store.js';

export interface CapturedIo {
  readonly io: CliIo;
  readonly out: string[];
  readonly err: string[];
}

/**
 * The io of one `runCli` call, as a test needs it: stdout and stderr captured,
 * working folder `dir`, a SQLite file of its own there, the repo's config, no
 * logs. `env` adds or overrides variables.
 */
export function captureIo(dir: string, env: Record<string, string> = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: {
        DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
        CONFIG_DIR: join(REPO, 'config'),
        LOG_LEVEL: 'silent',
        ...env,
      },
      cwd: dir,
    },
  };
}
