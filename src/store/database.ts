import type { AuditEventsTable } from './audit.table.js';
import type { ChangesTable } from './changes.table.js';
import type { CommitmentsTable } from './commitments.table.js';
import type { DelegatesTable } from './delegates.table.js';
import type { DialoguesTable } from './dialogues.table.js';
import type { OutboxTable } from './outbox.table.js';
import type { PageLinksTable } from './page-links.table.js';
import type { ReminderDeliveriesTable, ReminderSnoozesTable } from './reminders.table.js';
import type { RequestLogTable } from './request-log.table.js';
import type { RoundsTable } from './rounds.table.js';
import type { StoreRevisionTable } from './store-revision.table.js';
import type { SubscriptionsTable } from './subscriptions.table.js';
import type { UserNamesTable, UserPrefsTable } from './users.table.js';

export interface Database {
  dialogues: DialoguesTable;
  rounds: RoundsTable;
  delegates: DelegatesTable;
  commitments: CommitmentsTable;
  audit_events: AuditEventsTable;
  user_prefs: UserPrefsTable;
  user_names: UserNamesTable;
  subscriptions: SubscriptionsTable;
  reminder_deliveries: ReminderDeliveriesTable;
  reminder_snoozes: ReminderSnoozesTable;
  store_revision: StoreRevisionTable;
  changes: ChangesTable;
  outbox: OutboxTable;
  request_log: RequestLogTable;
  page_links: PageLinksTable;
}
