import type { Lang } from '../../domain/types.js';

/**
 * Terms several areas of the catalogue share, written once so every surface
 * says the same: a round whose date is not fixed reads the same in chat,
 * calendar feeds, App Home and reminders (test/i18n/terms.test.ts renders
 * each surface to check it).
 */
export const TERMS: { readonly [L in Lang]: { readonly dateNotFixed: string; readonly DateNotFixed: string } } = {
  en: { dateNotFixed: 'date not fixed yet', DateNotFixed: 'Date not fixed yet' },
  es: { dateNotFixed: 'fecha aún sin fijar', DateNotFixed: 'Fecha aún sin fijar' },
};
