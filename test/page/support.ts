import type { Core } from '../../src/core.js';
import type { Reply } from '../../src/presentation/reply.js';

/** The page address in a reply (`/dialogue page`, `page share …`). */
export function pageUrl(reply: Reply): string {
  for (const block of reply.blocks) {
    if (block.type !== 'text' || typeof block.text === 'string') continue;
    for (const part of block.text) if (typeof part === 'object' && 'link' in part) return part.link;
  }
  throw new Error(`no page link in ${JSON.stringify(reply)}`);
}

/** The path of a page address (`/page/<token>`), for a server on another origin. */
export const pathOf = (url: string): string => new URL(url).pathname;

export function runner(core: Core, now: Date) {
  return (text: string, userId = 'ULOCAL', command: '/dialogue' | '/commitments' = '/dialogue') =>
    core.router.handle({ command, text, userId, channelId: null, now });
}
