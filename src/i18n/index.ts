import type { Lang } from '../domain/types.js';
import * as core from './catalog/core.js';

/**
 * Every user-facing string, per language. Each area keeps its own catalog
 * module (`catalog/<area>.ts`) exporting `en` and `es` of the same type, so a
 * missing or extra Spanish key fails the type check.
 */
const catalogs = {
  en: { ...core.en },
  es: { ...core.es },
} satisfies Record<Lang, unknown>;

export type Messages = (typeof catalogs)['en'];

export function messages(lang: Lang): Messages {
  return catalogs[lang];
}

export {
  capitalise,
  formatClock,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatNumber,
  locale,
  pick,
} from './format.js';
