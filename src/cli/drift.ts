import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { configDrift, describeDrift } from '../services/drift.service.js';
import { openStore } from '../store/connection.js';
import type { CliIo } from './shared.js';

/**
 * `check-config`, when a database is reachable: which config entries differ
 * from it (and so were not applied: the database is the truth) and which are
 * new (added at the next start). A database that is not there yet, or does
 * not answer, is said and skipped: the config check itself still passed.
 */
export async function reportDrift(config: Config, io: CliIo): Promise<void> {
  const url = config.env.databaseUrl;
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '' || path === ':memory:' || !existsSync(resolve(io.cwd, path))) {
      io.stdout.write('database: not created yet, nothing to compare (config seeds it at the first start)\n');
      return;
    }
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(url, {}, io.cwd);
  } catch (error) {
    io.stdout.write(`database: not reachable (${(error as Error).message}); config not compared with it\n`);
    return;
  }
  try {
    const { differs, toAdd } = await configDrift(store.db, config);
    if (differs.length === 0) io.stdout.write('database: every config entry it has matches config\n');
    else
      io.stdout.write(
        [
          `database: ${differs.length} config ${differs.length === 1 ? 'entry differs' : 'entries differ'} from the database and ${differs.length === 1 ? 'was' : 'were'} not applied`,
          '  (the database is the truth once seeded; make the change with the slash commands, which are audited)',
          ...differs.map((e) => `  ${describeDrift(e)}`),
          '',
        ].join('\n'),
      );
    if (toAdd.length > 0)
      io.stdout.write(
        `database: new in config, added at the next start: ${toAdd.map((a) => `${a.dialogue} ${a.entry}`).join(', ')}\n`,
      );
  } finally {
    await store.close();
  }
}
