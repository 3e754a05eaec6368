import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/store.js';

/**
 * Commands hold handlers only (README "Layers"): they parse words, call
 * services, choose a builder and throw usage errors. Every reply document —
 * its blocks, its inline parts, its buttons and files — is built in
 * src/presentation/, so a reply reads the same whichever verb asks for it.
 */

/** A block of a reply written out (`{ type: 'header', … }`): the kinds of `Block` in src/presentation/reply.ts, and Slack's. */
const BLOCK_LITERAL = /\btype\s*:\s*['"`](?:header|text|list|context|fields|divider|actions|image|section)['"`]/;
/** A reply written out, `{ kind, summary, blocks }`: its summary or blocks as a key (a built reply's `.blocks` is fine). */
const REPLY_KEY = /(?<![.\w$])(?:summary|blocks)\s*[:,}]/;
/** The parts of a reply document, imported to build one. */
const DOCUMENT_TYPES = /\bimport\b[^;]*?\{([^}]*)\}\s*from\s*['"][^'"]*presentation\/reply\.js['"]/g;
const DOCUMENT_PARTS = new Set(['Block', 'Inline', 'Rich', 'ReplyAction', 'ReplyFile']);

/** Where a source builds a reply document itself: `line N: what`. */
function documentBuilding(source: string): string[] {
  const found: string[] = [];
  // Comments may talk about replies; lines keep their numbers.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
  code.split('\n').forEach((line, i) => {
    if (BLOCK_LITERAL.test(line)) found.push(`line ${i + 1}: a block literal: ${line.trim()}`);
    else if (REPLY_KEY.test(line)) found.push(`line ${i + 1}: a reply literal: ${line.trim()}`);
  });
  for (const m of code.matchAll(DOCUMENT_TYPES)) {
    const names = m[1]!.split(',').map(
      (n) =>
        n
          .replace(/\btype\b/, '')
          .trim()
          .split(/\s+as\s+/)[0]!,
    );
    for (const name of names) if (DOCUMENT_PARTS.has(name)) found.push(`imports ${name} from presentation/reply`);
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(REPO, join(e.parentPath, e.name)))
    .sort();
}

describe('replies are built in src/presentation/, not in src/commands/', () => {
  const files = sources('src/commands');

  it('reads every source under src/commands/, handlers included', () => {
    expect(files).toContain('src/commands/router.ts');
    expect(files).toContain('src/commands/handlers/reminders.ts');
  });

  it('no file under src/commands/ writes out a block or a reply, or imports the parts of one', () => {
    const broken = files.flatMap((file) =>
      documentBuilding(readFileSync(join(REPO, file), 'utf8')).map((what) => `${file} ${what}`),
    );
    expect(broken).toEqual([]);
  });

  it('would notice a block, a reply and an import of the parts of one (the check can fail)', () => {
    const handler = [
      "import type { Block, Inline as I, Reply } from '../../presentation/reply.js';",
      "import { type ReplyFile, textReply } from '../../presentation/reply.js';",
      "const blocks: Block[] = [{ type: 'header', text }];",
      "blocks.push({ type: 'context', text: r.list.precedence });",
      "return { kind: 'answer', summary, blocks, files };",
      '  return {',
      "    kind: 'change',",
      '    summary: text,',
      '  };',
    ].join('\n');
    expect(documentBuilding(handler)).toEqual([
      "line 3: a block literal: const blocks: Block[] = [{ type: 'header', text }];",
      "line 4: a block literal: blocks.push({ type: 'context', text: r.list.precedence });",
      "line 5: a reply literal: return { kind: 'answer', summary, blocks, files };",
      'line 8: a reply literal: summary: text,',
      'imports Block from presentation/reply',
      'imports Inline from presentation/reply',
      'imports ReplyFile from presentation/reply',
    ]);
    // Choosing a builder, passing its reply on and adding its buttons and announcement is what handlers do.
    const fine = [
      "import { type Reply, textReply } from '../../presentation/reply.js';",
      '/** Answers with a summary: { kind, summary, blocks: [] }. */',
      'return { ...word(change, ctx.lang), actions: undoAction(id, changeId, ctx.lang), announcement };',
      "if (pages.blocks.length > 0) return textReply('answer', reply.summary); // blocks: none",
    ].join('\n');
    expect(documentBuilding(fine)).toEqual([]);
  });
});
