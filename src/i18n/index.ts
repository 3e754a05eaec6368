import type { Lang } from '../domain/types.js';
import * as calendar from './catalog/calendar.js';
import * as changes from './catalog/changes.js';
import * as core from './catalog/core.js';
import * as exporting from './catalog/export.js';
import * as importing from './catalog/import.js';
import * as page from './catalog/page.js';
import * as reminders from './catalog/reminders.js';
import * as slack from './catalog/slack.js';
import * as words from './catalog/words.js';

/**
 * Every user-facing string, per language. Each area keeps its own catalog
 * module (`catalog/<area>.ts`) exporting `en` and `es` of the same type, so a
 * missing or extra Spanish key fails the type check.
 */
const catalogs = {
  en: {
    ...core.en,
    reminders: reminders.en,
    calendar: calendar.en,
    slack: slack.en,
    import: importing.en,
    changes: changes.en,
    export: exporting.en,
    words: words.en,
    page: page.en,
  },
  es: {
    ...core.es,
    reminders: reminders.es,
    calendar: calendar.es,
    slack: slack.es,
    import: importing.es,
    changes: changes.es,
    export: exporting.es,
    words: words.es,
    page: page.es,
  },
} satisfies Record<Lang, unknown>;

export type Messages = (typeof catalogs)['en'];

export function messages(lang: Lang): Messages {
  return catalogs[lang];
}

export {
  capitalise,
  formatDate,
  formatDateTime,
  pick,
  withPreposition,
  zoneAbbreviation,
} from './format.js';
