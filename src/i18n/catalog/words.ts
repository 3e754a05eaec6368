/**
 * Words people read and type for things the app names by a key: themes
 * (`gender-equality` is shown as “igualdad de género” to a Spanish reader,
 * and either is accepted when typed). `es` must have exactly these keys
 * (checked by tsc). A theme not listed here is shown as typed, hyphens as spaces.
 */
export const en = {
  themes: {
    dialogue: 'dialogue',
    'gender-equality': 'gender equality',
    'human-rights': 'human rights',
    climate: 'climate',
    security: 'security',
    technology: 'technology',
    trade: 'trade',
    health: 'health',
    multilateralism: 'multilateralism',
    general: 'general',
  },
};

export const es: typeof en = {
  themes: {
    dialogue: 'diálogo',
    'gender-equality': 'igualdad de género',
    'human-rights': 'derechos humanos',
    climate: 'clima',
    security: 'seguridad',
    technology: 'tecnología',
    trade: 'comercio',
    health: 'salud',
    multilateralism: 'multilateralismo',
    general: 'general',
  },
};
