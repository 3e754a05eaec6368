import type { Dialogue } from '../../src/domain/types.js';

/** The Mexico–UK dialogue as pure domain data, for tests that need no store. */
export function testDialogue(overrides: Partial<Dialogue> = {}): Dialogue {
  return {
    id: 'mexico-uk',
    name: { en: 'Mexico–UK Dialogue', es: 'Diálogo México–Reino Unido' },
    cadenceYears: 1,
    alternateHost: true,
    parties: [
      {
        code: 'MX',
        name: { en: 'Mexico', es: 'México' },
        aliases: ['mx'],
        timezone: 'America/Mexico_City',
        capital: { en: 'Mexico City', es: 'Ciudad de México' },
      },
      {
        code: 'GB',
        name: { en: 'the United Kingdom', es: 'el Reino Unido' },
        aliases: ['uk'],
        timezone: 'Europe/London',
        capital: { en: 'London', es: 'Londres' },
      },
    ],
    timezone: 'Europe/London',
    source: null,
    reminderChannel: null,
    ...overrides,
  };
}
