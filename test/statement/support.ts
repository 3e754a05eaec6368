import { readFileSync } from 'node:fs';
import { REPO } from '../support/store.js';

/** The seed statement: the repo's own copy of the 2024 joint statement (nothing reads outside the repo). */
export const SEED_PATH = `${REPO}test/fixtures/statements/mexico-uk-2024-joint-statement.txt`;

export function seedStatement(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

export function fixturePath(name: string): string {
  return `${REPO}test/fixtures/statements/${name}`;
}

export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}
