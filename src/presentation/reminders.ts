import type { ReminderStatus, SkipReason } from '../domain/reminders.js';
import type { Lang } from '../domain/types.js';
import { messages } from '../i18n/index.js';

/** Why a reminder is not sent, in words. */
export function skipReasonText(reason: SkipReason, lang: Lang): string {
  const t = messages(lang).reminders.list.reason;
  switch (reason.code) {
    case 'missed':
      return t.missed(reason.catchUpHours);
    case 'failed':
      return t.failed(reason.error);
    case 'no-channel':
      return t.noChannel;
    case 'other':
      return reason.text === 'dropped' || reason.text === 'no longer planned' ? t.dropped : reason.text;
  }
}

/** A preview line's mark: `will send`, `sent <when>`, `late`, `skipped: <reason>`, `waiting: no channel`. */
export function statusText(status: ReminderStatus, lang: Lang, when: (iso: string) => string): string {
  const t = messages(lang).reminders.list.status;
  switch (status.kind) {
    case 'will-send':
      return t.willSend;
    case 'late':
      return t.late;
    case 'sent':
      return t.sent(when(status.at));
    case 'skipped':
      return t.skipped(skipReasonText(status.reason, lang));
    case 'waiting-channel':
      return t.waiting;
  }
}
