import { DateTime } from 'luxon';
import { type Core, openCore } from '../core.js';

/** Exit codes of the contract: 0 ok, 1 failure, 2 bad input or config. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Bad arguments: printed with the verb's name, exit code 2. */
export class CliUsage extends Error {}

export type CliVerb = (args: string[], io: CliIo) => Promise<number>;

export function parseInstant(text: string | undefined, flag = '--at'): Date {
  if (text === undefined) return new Date();
  const dt = DateTime.fromISO(text, { setZone: true });
  if (!dt.isValid) throw new CliUsage(`${flag}: not an ISO date-time: "${text}" (e.g. 2024-06-01T12:00:00Z)`);
  return dt.toJSDate();
}

/** Opens config, store and services for one verb, and closes them after. */
export async function withCore<T>(io: CliIo, now: Date, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore({ env: io.env, cwd: io.cwd, now });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
