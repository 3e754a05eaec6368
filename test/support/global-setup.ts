import pg from 'pg';

const PREFIX = 't_';

/** Schemas named `t_<pid>_…` whose vitest run (pid) is no longer alive, or is this one (at teardown). */
async function dropSchemas(url: string, which: (pid: number) => boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select nspname as name from pg_namespace where nspname like $1`,
      [`${PREFIX}%`],
    );
    for (const { name } of rows) {
      const pid = Number(/^t_(\d+)_/.exec(name)?.[1]);
      if (Number.isFinite(pid) && which(pid)) await client.query(`drop schema if exists "${name}" cascade`);
    }
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs once per vitest run, in the main process (the workers' parent). */
export async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return async () => {};
  await dropSchemas(url, (pid) => !alive(pid));
  return () => dropSchemas(url, (pid) => pid === process.pid);
}
