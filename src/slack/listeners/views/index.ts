import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { IMPORT_APPLY_CALLBACK, IMPORT_CALLBACK } from '../../views/import-statement.js';
import { SCHEDULE_CALLBACK } from '../../views/schedule-round.js';
import { UPDATE_CALLBACK } from '../../views/update-commitment.js';
import { importApplySubmitted, importPreviewSubmitted } from './import-statement.js';
import { scheduleSubmitted } from './schedule-round.js';
import { updateSubmitted } from './update-commitment.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Modal submissions, by callback_id, through one Bolt listener (see actions/index.ts for why one). */
export function register(app: App, deps: SlackDeps): void {
  const handlers = new Map<string, (args: Args) => Promise<void>>([
    [UPDATE_CALLBACK, updateSubmitted(deps)],
    [SCHEDULE_CALLBACK, scheduleSubmitted(deps)],
    [IMPORT_CALLBACK, importPreviewSubmitted(deps)],
    [IMPORT_APPLY_CALLBACK, importApplySubmitted(deps)],
  ]);
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: /./ }, async (args) => {
    const handler = handlers.get(args.view.callback_id);
    if (handler) await deps.inflight.track(handler(args));
    else await args.ack();
  });
}
