import { renderText } from '../presentation/reply.js';
import type { DeliveryReceipt, Notification, Notifier } from '../services/notifier.js';

/** Local mode: reminders are printed to stdout. */
export function createLocalNotifier(out: { write(text: string): unknown }): Notifier {
  return {
    async send(n: Notification): Promise<DeliveryReceipt> {
      const to = n.audience.kind === 'channel' ? `#${n.audience.id}` : `@${n.audience.id} (DM)`;
      out.write(`[reminder → ${to}] ${renderText(n.reply)}\n\n`);
      return { channel: n.audience.id, ts: null };
    },
  };
}
