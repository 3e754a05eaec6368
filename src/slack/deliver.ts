import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Reply } from '../presentation/reply.js';
import { renderSlackMessage } from './render.js';

/** Web API error codes that mean "the bot cannot post there", not "Slack is broken". */
export const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'cannot_dm_bot',
]);

export function slackErrorCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}

/** A private message to one user (the app's DM with them). */
export async function tellUser(client: WebClient, logger: Logger, userId: string, reply: Reply): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, ...renderSlackMessage(reply), unfurl_links: false });
  } catch (error) {
    logger.error({ err: error, user: userId }, 'could not message the user');
  }
}

/**
 * Posts to a response_url kept from an earlier interaction (a modal opened
 * from a message has none of its own). fetch resolves on any status: throw
 * so failures are logged by the caller.
 */
export async function postResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Slack's response URLs live on hooks.slack.com (or the API host configured for tests and proxies). */
export function isResponseUrl(url: unknown, apiUrl: string | null): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' && (u.hostname === 'hooks.slack.com' || u.hostname.endsWith('.slack.com'))) return true;
    return apiUrl !== null && url.startsWith(new URL(apiUrl).origin);
  } catch {
    return false;
  }
}
