import type { WebClient } from '@slack/web-api';
import type { ReplyFile } from '../presentation/reply.js';

/**
 * Sends files to one user as a direct-message file: opens the app's DM with
 * them (conversations.open) and uploads there with files.uploadV2 (Slack's
 * external upload: files.getUploadURLExternal, the upload itself,
 * files.completeUploadExternal). Needs the `files:write` scope.
 */
export async function sendFilesToUser(
  client: WebClient,
  userId: string,
  files: readonly ReplyFile[],
  comment?: string,
): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('conversations.open gave no channel');
  await client.filesUploadV2({
    channel_id: channel,
    ...(comment ? { initial_comment: comment } : {}),
    file_uploads: files.map((f) => ({
      file: typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content),
      filename: f.filename,
      title: f.title,
    })),
  });
}
