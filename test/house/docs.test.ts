import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CommandName } from '../../src/commands/router.js';
import { verbNames } from '../../src/commands/verbs.js';
import { captureIo } from '../support/cli.js';
import { REPO } from '../support/store.js';

/**
 * The README says what the code does: its slash-command list is the verb
 * registry's, its CLI table has every verb and option `dialogue-bot help`
 * prints, and its environment table every variable the config reads.
 */
const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

/** README's section under `## title`, up to the next `## `. */
function section(title: string): string {
  const from = readme.indexOf(`\n## ${title}\n`);
  expect(from, `README has a "## ${title}" section`).toBeGreaterThan(-1);
  const to = readme.indexOf('\n## ', from + 4);
  return readme.slice(from, to === -1 ? undefined : to);
}

/** The verbs README lists for a command: the first word of each `…` item of the paragraph that starts with it. */
function listedVerbs(command: CommandName): string[] {
  const text = section('Slash commands');
  const start = text.indexOf(`\`${command}\` —`);
  expect(start, `README lists ${command}`).toBeGreaterThan(-1);
  const end = text.indexOf('\n\n', start);
  const paragraph = text.slice(start, end === -1 ? undefined : end);
  const items = [...paragraph.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).slice(1);
  return [...new Set(items.map((item) => item.split(/\s+/)[0]!))];
}

describe('README matches the code', () => {
  it.each(['/dialogue', '/commitments'] as const)('lists every verb of %s in the registry, and no other', (command) => {
    expect([...listedVerbs(command)].sort()).toEqual([...verbNames(command)].sort());
  });

  it('has a CLI table row for every verb `dialogue-bot help` prints, with each of its options', async () => {
    const { io, out } = captureIo(REPO);
    expect(await runCli(['help'], io)).toBe(0);
    const usage = out.join('');
    const table = section('The CLI: `dialogue-bot`');
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    const missing: string[] = [];
    const verbs = new Set<string>();
    for (const line of usage.split('\n')) {
      const m = /^ {2}([a-z][a-z-]*)(.*)$/.exec(line);
      if (!m) continue;
      const verb = m[1]!;
      verbs.add(verb);
      // The signature ends where the description column begins (two spaces or more).
      const signature = m[2]!.split(/ {2,}/)[0]!;
      const own = rows.filter((row) => row.startsWith(`| \`${verb}`));
      if (own.length === 0) missing.push(`no row for ${verb}`);
      for (const option of signature.match(/--[a-z-]+/g) ?? [])
        if (!own.some((row) => row.includes(option))) missing.push(`${verb} ${option}`);
    }
    expect(verbs.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('has every environment variable the config reads in its table', () => {
    const load = readFileSync(join(REPO, 'src', 'config', 'load.ts'), 'utf8');
    const names = [...load.matchAll(/\bget\('([A-Z][A-Z0-9_]+)'\)/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(8);
    const table = section('Configuration');
    expect(names.filter((name) => !table.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
