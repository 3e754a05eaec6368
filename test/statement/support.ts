import { readFileSync } from 'node:fs';
import { REPO } from '../support/store.js';

/** The seed statement, where the issue keeps it (`../shared/seed/` beside the repo). */
export const SEED_PATH = new URL('../shared/seed/mexico-uk-2024-joint-statement.txt', `file://${REPO}`).pathname;

export function seedStatement(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

export function fixturePath(name: string): string {
  return `${REPO}test/fixtures/statements/${name}`;
}

export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}
