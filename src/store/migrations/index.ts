import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261128_0001_initial.js';
import * as storeRevision from './20261128_0002_store_revision.js';
import * as reminderOccurrence from './20261202_0011_reminder_occurrence.js';
import * as changes from './20261202_0012_changes.js';
import * as sourcesFeedsNames from './20261202_0013_sources_feeds_names.js';
import * as commitmentTexts from './20261202_0015_commitment_texts.js';
import * as pageLinks from './20261202_0105_page_links.js';

/**
 * Migrations are listed here (not read from disk) so they run the same from
 * `src/` under vitest and from `dist/` in production. Names sort by time.
 */
const migrations: Record<string, Migration> = {
  '20261128_0001_initial': initial,
  '20261128_0002_store_revision': storeRevision,
  '20261202_0011_reminder_occurrence': reminderOccurrence,
  '20261202_0012_changes': changes,
  '20261202_0013_sources_feeds_names': sourcesFeedsNames,
  '20261202_0015_commitment_texts': commitmentTexts,
  '20261202_0105_page_links': pageLinks,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
