import type { CliVerb } from './shared.js';

/** `dialogue-bot feed --user U…` (calendar issue). */
export const feedCliVerbs: Record<string, CliVerb> = {};
