import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordinalValue, parseStatement, statementJson } from '../../src/domain/statement/parse.js';
import { partyFromStatement } from '../../src/domain/statement/parties.js';
import { commitmentIds } from '../../src/domain/statement/plan.js';
import { splitSentences } from '../../src/domain/statement/text.js';
import { testConfig } from '../support/store.js';
import { fixture, seedStatement } from './support.js';

const settings = testConfig().dialogues.find((d) => d.dialogue.id === 'mexico-uk')!;
const dialogue = settings.dialogue;
const seed = settings.seed;

describe('the seed statement agrees with the curated config (round trip)', () => {
  const parsed = parseStatement(seedStatement());
  const round1 = seed.rounds.find((r) => r.edition === 1)!;
  const round2 = seed.rounds.find((r) => r.edition === 2)!;

  it('records round 1 on its date, between the two parties', () => {
    expect(parsed.editionNumber).toBe(round1.edition);
    expect(parsed.meeting.date).toBe(round1.date);
    expect(parsed.meeting.edition).toBe('inaugural');
    expect(parsed.parties.map((p) => partyFromStatement(dialogue, p)?.code)).toEqual(
      dialogue.parties.map((p) => p.code),
    );
    expect(parsed.publishedOn).toBe(seed.source?.publishedOn);
  });

  it('finds the same 9 delegates, with titles, sides and heads of delegation', () => {
    const found = parsed.delegates.map((d) => ({
      party: d.party ? partyFromStatement(dialogue, d.party)?.code : undefined,
      name: d.name,
      title: d.title,
      lead: d.lead,
    }));
    expect(found).toEqual(
      round1.delegates.map((d) => ({ party: d.party, name: d.name, title: d.title, lead: d.lead })),
    );
    expect(found).toHaveLength(9);
  });

  it('finds the commitments of paragraphs 4, 6, 7 (three undertakings) and 8, with the same IDs, words and themes', () => {
    const ids = commitmentIds(parsed, 1);
    const found = parsed.commitments.map((c, i) => ({
      id: ids[i],
      paragraph: c.paragraph,
      text: c.text,
      theme: c.theme,
    }));
    const curated = seed.commitments
      .filter((c) => c.edition === 1)
      .map((c) => ({ id: c.id, paragraph: c.paragraph, text: c.text, theme: c.theme }));
    expect(found).toEqual(curated);
  });

  it('reads the next round as expected in the UK in 2025, and does not count it as a commitment', () => {
    expect(parsed.nextMeeting).toEqual({
      host: 'the UK',
      year: round2.year,
      text: 'The next high-level dialogue is expected to be held in the UK in 2025.',
    });
    expect(partyFromStatement(dialogue, parsed.nextMeeting!.host!)?.code).toBe(round2.host);
    expect(parsed.commitments.map((c) => c.text)).not.toContain(parsed.nextMeeting!.text);
  });

  it('leaves out plain reporting: discussed, exchanged views, highlighted, recognise', () => {
    for (const p of ['3', '5']) expect(parsed.commitments.some((c) => c.paragraph === p)).toBe(false);
    const texts = parsed.commitments.map((c) => c.text);
    expect(texts.some((t) => t.startsWith('Both countries recognise'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Mexico and the United Kingdom exchanged views'))).toBe(false);
  });

  it('prints exactly the --json shape of the contract', () => {
    const json = statementJson(parsed);
    expect(Object.keys(json)).toEqual(['parties', 'meeting', 'delegates', 'commitments', 'nextMeeting']);
    expect(Object.keys(json.meeting)).toEqual(['date', 'place', 'edition']);
    for (const d of json.delegates) expect(Object.keys(d)).toEqual(['name', 'title', 'party']);
    for (const c of json.commitments) expect(Object.keys(c)).toEqual(['paragraph', 'text']);
    expect(Object.keys(json.nextMeeting!)).toEqual(['host', 'year', 'text']);
    expect(json.parties).toEqual(['Mexico', 'the United Kingdom']);
    expect(json.meeting).toEqual({ date: '2024-01-16', place: null, edition: 'inaugural' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('a second round, numbered, with honorifics and other meetings mentioned', () => {
  const parsed = parseStatement(fixture('mexico-uk-2025-second-round.txt'));

  it('takes this meeting’s date, place and edition, not those of the rounds and summits it recalls', () => {
    expect(parsed.meeting).toEqual({ date: '2025-05-14', place: 'London', edition: 'second' });
    expect(parsed.editionNumber).toBe(2);
  });

  it('removes honorifics (Ms, H.E. Ambassador, Dr., Mtro.) and keeps titles in either order', () => {
    expect(parsed.delegates).toEqual([
      {
        name: 'Harriet Cole',
        title: 'Director for Human Rights and Democracy at the Foreign, Commonwealth and Development Office',
        party: 'the United Kingdom',
        lead: true,
      },
      {
        name: 'Tomás Whitfield',
        title: 'His Majesty’s Ambassador to Mexico',
        party: 'the United Kingdom',
        lead: false,
      },
      {
        name: 'Lucía Ortega Ramírez',
        title: 'Under-Secretary for Multilateral Affairs and Human Rights',
        party: 'Mexico',
        lead: true,
      },
      {
        name: 'Andrés Salgado Peña',
        title: 'Director General for Human Rights and Democracy',
        party: 'Mexico',
        lead: false,
      },
      { name: 'Itzel Marín del Valle', title: 'Director for Gender Equality', party: 'Mexico', lead: false },
    ]);
  });

  it('splits a listed set of undertakings and keeps one commitment per sentence otherwise', () => {
    expect(commitmentIds(parsed, 2)).toEqual(['R2-5', 'R2-7', 'R2-8a', 'R2-8b', 'R2-8c', 'R2-9']);
    expect(parsed.commitments.filter((c) => c.paragraph === '8').map((c) => c.item)).toEqual([
      'feminist foreign policy',
      'the protection of LGBTI+ persons',
      'the participation of women in peace processes',
    ]);
    expect(parsed.commitments.find((c) => c.paragraph === '7')?.text).toBe(
      'The two countries will organise a joint workshop on business and human rights in Mexico City before the end of 2025.',
    );
  });

  it('reads a later edition in the future tense as the next meeting', () => {
    expect(parsed.nextMeeting).toEqual({
      host: 'Mexico',
      year: 2026,
      text: 'The third Dialogue is expected to take place in Mexico in 2026.',
    });
  });
});

describe('unnumbered paragraphs in the "we" voice, a day-month date, an ordinal "8th"', () => {
  const parsed = parseStatement(fixture('japan-eu-2025-we-voice.txt'));

  it('takes the year from the publication line and ignores the earlier round in Brussels', () => {
    expect(parsed.publishedOn).toBe('2025-03-05');
    expect(parsed.meeting).toEqual({ date: '2025-03-03', place: 'Tokyo', edition: '8th' });
    expect(parsed.parties).toEqual(['Japan', 'EU']);
  });

  it('keeps paragraphs in order without numbers and finds what "we" undertake', () => {
    expect(parsed.paragraphs.every((p) => p.number === null)).toBe(true);
    expect(parsed.commitments.map((c) => [c.paragraph, c.position, c.text])).toEqual([
      [
        null,
        4,
        'We agreed to deepen our cooperation on maritime security, including through joint exercises and information sharing.',
      ],
      [null, 5, 'We will launch a joint working group on critical raw materials before the end of 2025.'],
    ]);
    expect(commitmentIds(parsed, 8)).toEqual(['R8-4', 'R8-5']);
  });

  it('names the delegates of both sides, honorifics removed', () => {
    expect(parsed.delegates.map((d) => [d.name, d.title, d.party, d.lead])).toEqual([
      ['Haruto Sakamoto', 'Deputy Minister for Foreign Affairs', 'Japan', true],
      ['Aiko Morimoto', 'Director of the Europe Division', 'Japan', false],
      ['Elena Varga', 'Deputy Secretary-General of the European External Action Service', 'EU', true],
      ['Tomas Lindqvist', 'Head of the Japan Desk', 'EU', false],
    ]);
  });

  it('maps the next meeting’s city to its host, and takes neither the G7 summit’s year nor place', () => {
    expect(parsed.nextMeeting).toEqual({
      host: 'EU',
      year: 2026,
      text: 'We will meet again in Brussels in 2026 for the 9th Policy Dialogue.',
    });
  });
});

describe('a Roman-numbered edition, US dates, "1)" paragraphs', () => {
  const parsed = parseStatement(fixture('iran-china-2012-roman.txt'));

  it('reads XII as round 12 held in Tehran on the first day of a two-day meeting', () => {
    expect(parsed.meeting).toEqual({ date: '2012-11-19', place: 'Tehran', edition: 'XII' });
    expect(parsed.editionNumber).toBe(12);
    expect(parsed.parties).toEqual(['Iran', 'China']);
  });

  it('splits a sentence speaking of both delegations', () => {
    expect(parsed.delegates.map((d) => [d.name, d.party, d.lead])).toEqual([
      ['Reza Karimi', 'Iran', true],
      ['Li Wen', 'China', true],
    ]);
  });

  it('finds "the two sides will" and "both sides agreed", not "highlighted" or "exchanged views"', () => {
    expect(parsed.commitments.map((c) => c.paragraph)).toEqual(['4', '5']);
  });

  it('reads "hosted by China at a mutually convenient time" as a host without a year', () => {
    expect(parsed.nextMeeting).toMatchObject({ host: 'China', year: null });
  });
});

describe('a communiqué with a dateline, bracketed titles and a surname in capitals', () => {
  const parsed = parseStatement(fixture('mexico-japan-2025-communique.txt'));

  it('takes the meeting day, not the dateline’s or the tenth meeting’s', () => {
    expect(parsed.publishedOn).toBe('2025-05-14');
    expect(parsed.meeting).toEqual({ date: '2025-05-12', place: 'Mexico City', edition: 'eleventh' });
    expect(parsed.parties).toEqual(['Mexico', 'Japan']);
  });

  it('reads "(title)" after a name, and "and the Mexican delegation by …" as the other side', () => {
    expect(parsed.delegates).toEqual([
      {
        name: 'Kenji YAMADA',
        title: 'Director-General, Latin America and Caribbean Bureau',
        party: 'Japan',
        lead: true,
      },
      { name: 'Ana Sofía Reyes', title: 'Under-Secretary for Latin America', party: 'Mexico', lead: true },
    ]);
  });

  it('finds "Japan will …" and a listed task force, and the twelfth meeting in Tokyo as the next one', () => {
    expect(parsed.commitments.map((c) => c.item ?? c.text)).toEqual([
      'The Parties agreed to expand scholarship programmes for young researchers.',
      'Japan will provide technical assistance for earthquake early warning systems.',
      'semiconductors',
      'electric vehicles',
      'medical devices',
    ]);
    expect(parsed.nextMeeting).toMatchObject({ host: 'Japan', year: 2026 });
  });
});

describe('dates, editions and next meetings in other wordings', () => {
  it('puts a day-month date in the year before when the publication is early in the next year', () => {
    const text = `Joint statement\n\nPublished 5 January 2025\n\nOn 18 December, Mexico and the United Kingdom held the third round of their dialogue in Mexico City. They agreed to share their reports.`;
    const parsed = parseStatement(text);
    expect(parsed.meeting).toEqual({ date: '2024-12-18', place: 'Mexico City', edition: 'third' });
    expect(parsed.commitments.map((c) => c.text)).toEqual(['They agreed to share their reports.']);
  });

  it('reads "the next dialogue in 2013 in Tehran" as Iran hosting in 2013', () => {
    const text = `Iran and China held the eleventh round of their dialogue in Beijing on 4 June 2012. The two sides agreed to hold the next dialogue in 2013 in Tehran.`;
    const parsed = parseStatement(text);
    expect(parsed.meeting.edition).toBe('eleventh');
    expect(parsed.nextMeeting).toMatchObject({ host: 'Iran', year: 2013 });
    expect(parsed.commitments).toEqual([]);
  });

  it('reads "the next <acronym>" as the next meeting when the acronym abbreviates this series’ name', () => {
    const parsed = parseStatement(
      'Canada and Kenya held the 3rd Bilateral Policy Consultations in Nairobi on 2 March 2023. They agreed to hold the next Joint Trade Committee meeting in Ottawa in 2024. It was agreed to convene the next BPC in Ottawa in 2025.',
    );
    expect(parsed.nextMeeting).toMatchObject({ host: 'Canada', year: 2025 });
    expect(parsed.commitments.map((c) => c.text)).toEqual([
      'They agreed to hold the next Joint Trade Committee meeting in Ottawa in 2024.',
    ]);
    // Letters given in brackets count too; another body's acronym, or one written in lower case, does not.
    const defined = parseStatement(
      'Norway and Egypt held the first Political Dialogue Mechanism (PDM) in Oslo on 5 May 2023. The next PDM will be held in Cairo.',
    );
    expect(defined.nextMeeting).toMatchObject({ host: 'Egypt', year: null });
    const other = parseStatement(
      'Norway and Egypt held the first Political Dialogue Mechanism in Oslo on 5 May 2023. The Joint Economic Commission (JEC) met too. The next JEC will be held in Cairo.',
    );
    expect(other.nextMeeting).toBeNull();
  });

  it('keeps an undertaking joined to the next meeting by "and", unless it only continues the series', () => {
    const joined = parseStatement(
      'Kenya and Norway held the 4th Political Consultations in Oslo on 3 May 2024. Both sides agreed to expand scholarships for students and hold the next round in Nairobi in 2025.',
    );
    expect(joined.nextMeeting).toMatchObject({ host: 'Kenya', year: 2025 });
    expect(joined.commitments.map((c) => c.itemText)).toEqual([
      'Both sides agreed to expand scholarships for students.',
    ]);
    const series = parseStatement(
      'Kenya and Norway held the 4th Political Consultations in Oslo on 3 May 2024. Both sides agreed to continue their regular consultations, and the next round will be held in Nairobi.',
    );
    expect(series.nextMeeting).toMatchObject({ host: 'Kenya', year: null });
    expect(series.commitments).toEqual([]);
  });

  it('reads a commitment stated ("stressed their commitment to"), and "Shri" as a form of address', () => {
    const parsed = parseStatement(
      'India and Kenya held the 3rd Foreign Office Consultations in Nairobi on 3 May 2024. The Indian delegation was led by Shri Anil Mehta, Secretary (East). Both countries stressed their commitment to expand trade in pharmaceuticals.',
    );
    expect(parsed.delegates.map((d) => d.name)).toEqual(['Anil Mehta']);
    expect(parsed.commitments.map((c) => c.text)).toEqual([
      'Both countries stressed their commitment to expand trade in pharmaceuticals.',
    ]);
  });

  it('does not take a person the delegation called on for a delegate', () => {
    const parsed = parseStatement(
      'The Indian delegation was led by Anil Mehta, Secretary (East). During the visit, the Secretary also paid a courtesy call on H.E. Dato’ Rahim Osman, Minister of Trade of Malaysia and exchanged views on trade.',
    );
    expect(parsed.delegates.map((d) => d.name)).toEqual(['Anil Mehta']);
  });

  it('counts "next year" and "later this year" from the meeting’s year', () => {
    const after = parseStatement(
      'Mexico and the UK held the second round of their dialogue in London on 14 May 2025. Both sides agreed to hold the next round in Mexico City next year.',
    );
    expect(after.nextMeeting).toMatchObject({ host: 'Mexico', year: 2026 });
    const same = parseStatement(
      'Mexico and the UK held the second round of their dialogue in London on 14 May 2025. The next round will take place in Mexico later this year.',
    );
    expect(same.nextMeeting).toMatchObject({ host: 'Mexico', year: 2025 });
  });

  it('takes this meeting from the clause that records it when the same sentence recalls another', () => {
    const following = parseStatement(
      'Following the first round in Mexico City on 16 January 2024, the second round was held in London on 14 May 2025.',
    );
    expect(following.meeting).toEqual({ date: '2025-05-14', place: 'London', edition: 'second' });
    const recalling = parseStatement(
      'Recalling the inaugural Dialogue, held in Mexico City on 16 January 2024, the delegations met in London on 14 May 2025 for the second Dialogue.',
    );
    expect(recalling.meeting).toEqual({ date: '2025-05-14', place: 'London', edition: 'second' });
  });

  it('gives each side its people when the second side’s verb is left out', () => {
    const parsed = parseStatement(
      'The fourth UK–Mexico Dialogue was held in Mexico City on 13 May 2027. Mexico was represented by Ambassador Carmen Díaz Luna, Under-Secretary for Foreign Affairs, and the United Kingdom by Sir Peter Hale, Minister of State for the Americas.',
    );
    expect(parsed.delegates).toEqual([
      { name: 'Carmen Díaz Luna', title: 'Under-Secretary for Foreign Affairs', party: 'Mexico', lead: true },
      { name: 'Peter Hale', title: 'Minister of State for the Americas', party: 'UK', lead: true },
    ]);
  });

  it('separates two delegations named inside the meeting sentence, and names a side known only by its adjective', () => {
    const parsed = parseStatement(
      'On 14 May 2025, the UK delegation, led by Harriet Cole, Director for Human Rights, and the Mexican delegation, led by Ana Reyes, Under-Secretary for Multilateral Affairs, met in London for the second round of the Dialogue.',
    );
    expect(parsed.meeting).toEqual({ date: '2025-05-14', place: 'London', edition: 'second' });
    expect(parsed.parties).toEqual(['the UK', 'Mexico']);
    expect(parsed.delegates).toEqual([
      { name: 'Harriet Cole', title: 'Director for Human Rights', party: 'the UK', lead: true },
      { name: 'Ana Reyes', title: 'Under-Secretary for Multilateral Affairs', party: 'Mexico', lead: true },
    ]);
  });

  it('reads a statement pasted without blank lines, and one hard-wrapped, the same way', () => {
    const original = parseStatement(fixture('japan-eu-2025-we-voice.txt'));
    const squeezed = parseStatement(fixture('japan-eu-2025-we-voice.txt').replace(/\n\s*\n/g, '\n'));
    expect(statementJson(squeezed)).toEqual(statementJson(original));
    expect(squeezed.commitments.map((c) => c.position)).toEqual([4, 5]);
    const wrapped = fixture('japan-eu-2025-we-voice.txt').replace(/(.{50,70}?) /g, '$1\n');
    expect(statementJson(parseStatement(wrapped))).toEqual(statementJson(original));
  });

  it('does not take a next-round mention in the same paragraph for a commitment’s theme', () => {
    const parsed = parseStatement(
      'Mexico and the UK met in London on 14 May 2025. Both sides agreed that the next round would be held in Mexico in 2026. They will also set up a working group on migration.',
    );
    expect(parsed.commitments.map((c) => [c.text, c.theme])).toEqual([
      ['They will also set up a working group on migration.', 'human-rights'],
    ]);
    expect(parsed.nextMeeting).toMatchObject({ host: 'Mexico', year: 2026 });
  });

  it('has no date when the body gives none, even with years about other things', () => {
    const parsed = parseStatement(fixture('no-date.txt'));
    expect(parsed.meeting.date).toBeNull();
    const other = parseStatement(
      'Mexico and the UK held talks. They recalled their work between January 2021 and December 2023.',
    );
    expect(other.meeting.date).toBeNull();
  });

  it.each([
    ['inaugural', 1],
    ['first', 1],
    ['second', 2],
    ['8th', 8],
    ['eleventh', 11],
    ['twenty-first', 21],
    ['XII', 12],
    ['IV', 4],
  ])('counts the edition "%s" as %i', (word, n) => {
    expect(ordinalValue(word)).toBe(n);
  });

  it('does not end a sentence at an initial or an abbreviation', () => {
    expect(splitSentences('He met Aureny Aguirre O. Sunza and H.E. Dr. Reza Karimi. Then they left.')).toEqual([
      'He met Aureny Aguirre O. Sunza and H.E. Dr. Reza Karimi.',
      'Then they left.',
    ]);
  });

  it('reads nothing from an empty text', () => {
    const parsed = parseStatement('  \n\n ');
    expect(parsed.paragraphs).toEqual([]);
    expect(statementJson(parsed)).toEqual({
      parties: [],
      meeting: { date: null, place: null, edition: null },
      delegates: [],
      commitments: [],
      nextMeeting: null,
    });
  });

  it('never throws, and every commitment is a sentence of the input in its own words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...seedStatement().split(/(?<=\.)\s+/), 'x', '\n\n', '7.'), { maxLength: 20 }),
        (parts) => {
          const text = parts.join(' ');
          const parsed = parseStatement(text);
          const flat = text.replace(/\s+/g, ' ');
          for (const c of parsed.commitments) expect(flat).toContain(c.text.replace(/\s+/g, ' '));
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => void parseStatement(s)),
      { numRuns: 300 },
    );
  });
});
