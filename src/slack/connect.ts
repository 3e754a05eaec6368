import type { WebClient } from '@slack/web-api';

/**
 * Whether a channel is shared with another organisation — a Slack Connect
 * channel, where both delegations read what the app posts. `is_ext_shared`
 * says so; `is_shared` without `is_org_shared` too (a channel shared only
 * between workspaces of one Enterprise organisation is still one ministry's).
 * Needs `channels:read` (and `groups:read` for private channels); a failure
 * throws, and the caller remembers it as "not shared" for a while.
 */
export async function isSharedChannel(client: WebClient, channelId: string): Promise<boolean> {
  // DMs and group DMs (D…, or a user ID meaning the app's DM) are not channels of a dialogue.
  if (!/^[CG]/.test(channelId)) return false;
  const res = await client.conversations.info({ channel: channelId });
  const c = res.channel as { is_ext_shared?: boolean; is_shared?: boolean; is_org_shared?: boolean } | undefined;
  return c?.is_ext_shared === true || (c?.is_shared === true && c.is_org_shared !== true);
}
