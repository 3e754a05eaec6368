import pg from 'pg';
import { PG_URL, workerSchema } from '../support/store.js';

/**
 * A schema tag of this process's own. Tags are already per file and per
 * worker; adding the process ID also keeps two test runs on one machine (two
 * people running the suite at once against the same Postgres) from resetting
 * each other's data half-way through a long simulation.
 */
export function processTag(base: string): string {
  return `${base}_${process.pid}`;
}

/** Drops the Postgres schema a tag made (the process-unique ones would otherwise pile up). */
export async function dropSchema(tag: string): Promise<void> {
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${workerSchema(tag)} cascade`);
  } finally {
    await client.end();
  }
}
