import { type CycleEntry, roundLabel } from '../../domain/cycle.js';
import type { Dialogue, Lang } from '../../domain/types.js';
import { hostName } from '../../i18n/describe.js';
import { messages } from '../../i18n/index.js';
import { escapeMrkdwn, type SlackBlock } from '../render.js';
import { formModal } from './modal.js';
import type { ModalOrigin } from './update-commitment.js';

export const SCHEDULE_CALLBACK = 'round.schedule';

export interface ScheduleMeta extends ModalOrigin {
  readonly edition: number;
}

export function scheduleModal(dialogue: Dialogue, next: CycleEntry, meta: ScheduleMeta, lang: Lang): SlackBlock {
  const m = messages(lang).slack.modal;
  return formModal({
    callbackId: SCHEDULE_CALLBACK,
    meta,
    title: m.schedule.title,
    submit: m.save,
    close: m.cancel,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: escapeMrkdwn(m.schedule.intro(roundLabel(next), hostName(dialogue, next, lang))),
        },
      },
      {
        type: 'input',
        block_id: 'date',
        label: { type: 'plain_text', text: m.schedule.date },
        element: { type: 'datepicker', action_id: 'value', ...(next.date ? { initial_date: next.date } : {}) },
      },
      {
        type: 'input',
        block_id: 'time',
        optional: true,
        label: { type: 'plain_text', text: m.schedule.time },
        hint: { type: 'plain_text', text: m.schedule.timeHint },
        element: { type: 'timepicker', action_id: 'value', ...(next.time ? { initial_time: next.time } : {}) },
      },
      {
        type: 'input',
        block_id: 'end',
        optional: true,
        label: { type: 'plain_text', text: m.schedule.endTime },
        hint: { type: 'plain_text', text: m.schedule.endHint },
        element: {
          type: 'timepicker',
          action_id: 'value',
          ...(next.time && next.endTime ? { initial_time: next.endTime } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'city',
        optional: true,
        label: { type: 'plain_text', text: m.schedule.city },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: 100,
          ...(next.city ? { initial_value: next.city } : {}),
        },
      },
    ],
  });
}
