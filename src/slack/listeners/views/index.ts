import type { App, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { IMPORT_APPLY_CALLBACK, IMPORT_CALLBACK } from '../../views/import-statement.js';
import { SCHEDULE_CALLBACK } from '../../views/schedule-round.js';
import { UPDATE_CALLBACK } from '../../views/update-commitment.js';
import { importApplySubmitted, importPreviewSubmitted } from './import-statement.js';
import { scheduleSubmitted } from './schedule-round.js';
import { updateSubmitted } from './update-commitment.js';

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(UPDATE_CALLBACK, updateSubmitted(deps));
  app.view<ViewSubmitAction>(SCHEDULE_CALLBACK, scheduleSubmitted(deps));
  app.view<ViewSubmitAction>(IMPORT_CALLBACK, importPreviewSubmitted(deps));
  app.view<ViewSubmitAction>(IMPORT_APPLY_CALLBACK, importApplySubmitted(deps));
}
