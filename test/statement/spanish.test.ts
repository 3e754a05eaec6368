/**
 * Spanish phrasings the issue names, each in a short statement written for the test (the real
 * published statements are scored in corpus.test.ts). Language is detected, never passed in.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/domain/statement/lang/index.js';
import { parseStatement } from '../../src/domain/statement/parse.js';

const sre = (body: string, head = 'Comunicado conjunto\n\nCiudad de México, 16 de mayo de 2025.') =>
  `${head}\n\n${body}`;

describe('statements in Spanish', () => {
  it('detects the language from the words, English or Spanish', () => {
    expect(detectLanguage('La delegación de México fue encabezada por el Subsecretario.').code).toBe('es');
    expect(detectLanguage('The Mexican delegation was led by the Under-Secretary.').code).toBe('en');
  });

  it('reads the next meeting: host from the capital, year after "en"', () => {
    const s = parseStatement(
      sre(
        'El segundo Diálogo sobre Asuntos Multilaterales y Derechos Humanos entre México y el Reino Unido se celebró en la Ciudad de México el 14 de mayo de 2025.\n\nAmbas delegaciones acordaron que la próxima reunión se celebrará en Londres en 2026.',
      ),
    );
    expect(s.language).toBe('es');
    expect(s.meeting).toEqual({ date: '2025-05-14', place: 'Ciudad de México', edition: 'segundo' });
    expect(s.editionNumber).toBe(2);
    expect(s.nextMeeting).toMatchObject({ host: 'el Reino Unido', year: 2026 });
    // The next meeting is not an undertaking of its own.
    expect(s.commitments).toEqual([]);
  });

  it('reads "reunirse nuevamente … el próximo año", "en la Ciudad de México" and "la próxima <sigla>"', () => {
    const again = parseStatement(
      sre(
        'El tercer Diálogo entre México y Chile se celebró en Santiago el 14 de mayo de 2025.\n\nLas delegaciones acordaron reunirse nuevamente en la Ciudad de México el próximo año.',
      ),
    );
    expect(again.nextMeeting).toMatchObject({ host: 'México', year: 2026 });
    const acronym = parseStatement(
      sre(
        'La cuarta Reunión del Mecanismo de Consultas Políticas (MCP) entre México y Colombia se celebró en Bogotá el 14 de mayo de 2025.\n\nLa próxima MCP tendrá lugar en México en 2027.',
      ),
    );
    expect(acronym.nextMeeting).toMatchObject({ host: 'México', year: 2027 });
  });

  it('gives the title after "el Embajador <nombre>," to that person, not to the next one', () => {
    const s = parseStatement(
      sre(
        'El tercer Diálogo entre México y Chile se celebró en Santiago el 14 de mayo de 2025.\n\nLa delegación mexicana fue encabezada por el Embajador Luis Ortega Campos, Subsecretario para América Latina y el Caribe, y por Ana Ruiz Soto.',
      ),
    );
    expect(s.delegates.map((d) => [d.name, d.title])).toEqual([
      ['Luis Ortega Campos', 'Subsecretario para América Latina y el Caribe'],
      ['Ana Ruiz Soto', ''],
    ]);
  });

  it('reads a commitment stated: "enfatizaron su compromiso de", "el compromiso de ambos países para"', () => {
    const s = parseStatement(
      sre(
        'El tercer Diálogo entre México y Chile se celebró en Santiago el 14 de mayo de 2025.\n\nAmbas delegaciones enfatizaron su compromiso de ampliar los intercambios académicos. La reunión permitió dar seguimiento al compromiso de ambos países para reducir la brecha digital. Conversaron sobre la situación regional.',
      ),
    );
    expect(s.commitments.map((c) => c.text)).toEqual([
      'Ambas delegaciones enfatizaron su compromiso de ampliar los intercambios académicos.',
      'La reunión permitió dar seguimiento al compromiso de ambos países para reducir la brecha digital.',
    ]);
  });

  it('reads "8ª" and "XIII" editions, and "los días" ranges with the year of the dateline', () => {
    const a = parseStatement(
      sre(
        'La 8ª reunión del Mecanismo de Consultas entre México y Chile tuvo lugar los días 12 y 13 de mayo en Santiago.',
      ),
    );
    expect(a.editionNumber).toBe(8);
    expect(a.meeting.date).toBe('2025-05-12');
    expect(a.meeting.place).toBe('Santiago');
    const b = parseStatement(
      sre('México y la Unión Europea celebraron el XIII Diálogo de Alto Nivel el 15 de mayo en Bruselas.'),
    );
    expect(b.editionNumber).toBe(13);
    expect(b.meeting).toMatchObject({ date: '2025-05-15', place: 'Bruselas' });
  });

  it('resolves "este martes" from the publication date', () => {
    // 16 May 2025 was a Friday: "este martes" is 13 May.
    const s = parseStatement(
      sre('México y la Unión Europea sostuvieron este martes la cuarta edición del Diálogo en Bruselas.'),
    );
    expect(s.meeting).toEqual({ date: '2025-05-13', place: 'Bruselas', edition: 'cuarta' });
  });

  it('finds delegates with titles and side: "encabezada por", "copresidida por", a list across sentences', () => {
    const s = parseStatement(
      sre(
        'La sexta edición del Diálogo entre México y el Reino Unido tuvo lugar el 14 de mayo en Londres. La sesión fue copresidida por la Directora de Derechos Humanos de la Oficina de Asuntos Exteriores del Reino Unido, Harriet Cole, y el Subsecretario para Asuntos Multilaterales y Derechos Humanos de la Secretaría de Relaciones Exteriores, Embajador Miguel Ruíz-Cabañas. La delegación mexicana fue encabezada por la Directora General de Derechos Humanos, Mtra. Lucía Ortega Ramírez. La Directora de Igualdad de Género, Itzel Marín del Valle, y el Cónsul General en Londres, Andrés Salgado Peña.',
      ),
    );
    expect(s.delegates.map((d) => [d.name, d.party])).toEqual([
      ['Harriet Cole', 'el Reino Unido'],
      ['Miguel Ruíz-Cabañas', 'México'],
      ['Lucía Ortega Ramírez', 'México'],
      ['Itzel Marín del Valle', 'México'],
      ['Andrés Salgado Peña', 'México'],
    ]);
    expect(s.delegates[1]!.title).toBe(
      'Subsecretario para Asuntos Multilaterales y Derechos Humanos de la Secretaría de Relaciones Exteriores',
    );
  });

  it('finds undertakings by their verbs, one per verb when a sentence holds several, and not "coincidieron en que"', () => {
    const s = parseStatement(
      sre(
        'México y el Reino Unido celebraron el segundo Diálogo el 14 de mayo en Londres.\n\nAmbas partes acordaron intercambiar buenas prácticas sobre la protección de personas defensoras y se comprometieron a copatrocinar una resolución sobre periodistas. Convinieron en reunirse antes de la Asamblea General. Coincidieron en la necesidad de fortalecer el sistema interamericano. Coincidieron en que el multilateralismo es indispensable.',
      ),
    );
    expect(s.commitments.map((c) => c.item ?? c.text)).toEqual([
      'Ambas partes acordaron intercambiar buenas prácticas sobre la protección de personas defensoras',
      'se comprometieron a copatrocinar una resolución sobre periodistas',
      'Convinieron en reunirse antes de la Asamblea General.',
      'Coincidieron en la necesidad de fortalecer el sistema interamericano.',
    ]);
    expect(s.commitments[0]!.theme).toBe('human-rights');
  });
});
