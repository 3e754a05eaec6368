import type { WebClient } from '@slack/web-api';
import type { DeliveryReceipt, Notification, Notifier } from '../services/notifier.js';
import { DeliveryError } from '../services/notifier.js';
import { renderSlackMessage } from './render.js';

/**
 * Used only until src/slack/notifier.ts (reminders issue) lands: posts a
 * notification with chat.postMessage (a user ID as channel reaches their DM).
 */
export function createInterimNotifier(client: WebClient): Notifier {
  return {
    async send(n: Notification): Promise<DeliveryReceipt> {
      try {
        const res = await client.chat.postMessage({ channel: n.audience.id, ...renderSlackMessage(n.reply) });
        return { channel: res.channel ?? n.audience.id, ts: res.ts ?? null };
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        throw new DeliveryError(code ?? String(error), !code);
      }
    },
  };
}
