import type { CliVerb } from './shared.js';

/** `dialogue-bot import <file> …` (import issue). */
export const importCliVerbs: Record<string, CliVerb> = {};
