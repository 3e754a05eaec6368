import type { WebClient } from '@slack/web-api';
import { DeliveryError } from '../services/notifier.js';
import type { AnnouncementSender, OutgoingAnnouncement } from '../services/outbox.service.js';
import { CANNOT_POST, isResponseUrl, postResponseUrl, slackErrorCode } from './deliver.js';
import { deliveryError } from './notifier.js';
import { renderSlackMessage } from './render.js';

/**
 * Announcements from the outbox through Slack's Web API: posted in the
 * channel; where the bot cannot post (not a member), through the response URL
 * of the interaction `in_channel` instead. Failures come back as a
 * DeliveryError (the reminders' client does not retry by itself: the outbox
 * owns retries and backoff, recorded in the store).
 */
export function createSlackAnnouncer(client: WebClient, apiUrl: string | null): AnnouncementSender {
  return {
    async announce(a: OutgoingAnnouncement): Promise<void> {
      const message = renderSlackMessage(a.reply);
      const fallback = a.responseUrl && isResponseUrl(a.responseUrl, apiUrl) ? a.responseUrl : null;
      if (a.channel) {
        try {
          await client.chat.postMessage({ channel: a.channel, ...message, unfurl_links: false, unfurl_media: false });
          return;
        } catch (error) {
          const code = slackErrorCode(error);
          if (!fallback || !code || !CANNOT_POST.has(code)) throw deliveryError(error);
        }
      }
      if (!fallback) throw new DeliveryError('no channel to announce in', false);
      try {
        await postResponseUrl(fallback, { response_type: 'in_channel', replace_original: false, ...message });
      } catch (error) {
        // A response URL expires after 30 minutes: retrying then is pointless, but a blip is worth one more try.
        throw new DeliveryError(`response URL: ${(error as Error).message}`, true);
      }
    },
  };
}
