import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/** The folder beside the repository that a fresh clone does not have. */
const OUTSIDE = ['..', 'shared'].join('/');

describe('the repository stands alone', () => {
  it('has no file in src, test, scripts, bench or config that reads the folder beside the repo', () => {
    const files = execFileSync('git', ['ls-files', '--', 'src', 'test', 'scripts', 'bench', 'config', 'bin'], {
      cwd: REPO,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => readFileSync(`${REPO}${f}`, 'utf8').includes(OUTSIDE));
    expect(offenders).toEqual([]);
  });
});
