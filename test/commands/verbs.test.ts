import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/commands/context.js';
import { HANDLERS } from '../../src/commands/router.js';
import {
  ALIASES,
  canonicalVerb,
  isCacheable,
  isShareable,
  readVerb,
  usageHint,
  VERBS,
  verbAliases,
  verbFacts,
  verbNames,
} from '../../src/commands/verbs.js';
import { messages } from '../../src/i18n/index.js';
import { shareValue } from '../../src/slack/views/reply-message.js';

const COMMANDS: CommandName[] = ['/dialogue', '/commitments'];
/** Ways a verb can be preceded or followed by the dialogue flag, and spelled. */
const SPELLINGS = (verb: string) => [
  verb,
  verb.toUpperCase(),
  `  ${verb}  `,
  `--dialogue mexico-uk ${verb}`,
  `--dialogue=mexico-uk ${verb}`,
  `--dialogue   mexico-uk   ${verb} reset`,
  `${verb} --dialogue mexico-uk`,
  `${verb} mine --dialogue=mexico-uk`,
];

describe('the verb registry', () => {
  it('names exactly the verbs the router has handlers for', () => {
    for (const command of COMMANDS)
      expect(Object.keys(HANDLERS[command]).sort()).toEqual([...verbNames(command)].sort());
  });

  it('never offers a private verb for sharing, whatever flags or case surround it', () => {
    let privateVerbs = 0;
    for (const command of COMMANDS) {
      for (const verb of verbNames(command)) {
        const facts = verbFacts(command, verb)!;
        if (facts.private) privateVerbs++;
        for (const text of SPELLINGS(verb)) {
          expect(isShareable(command, text), `${command} ${text}`).toBe(!facts.private && !facts.changes);
          if (facts.private || facts.changes) expect(shareValue(command, text), `${command} ${text}`).toBeNull();
          else expect(shareValue(command, text)).not.toBeNull();
        }
      }
    }
    expect(privateVerbs).toBeGreaterThanOrEqual(4);
    expect(isShareable('/dialogue', '--dialogue mexico-uk subscribe')).toBe(false);
  });

  it('keeps answers only of verbs that neither change data nor answer privately', () => {
    for (const command of COMMANDS)
      for (const verb of verbNames(command)) {
        const facts = verbFacts(command, verb)!;
        expect(isCacheable(command, verb)).toBe(!facts.changes && !facts.private);
      }
    expect(isCacheable('/dialogue', 'subscribe')).toBe(false);
    expect(isCacheable('/dialogue', 'reminders')).toBe(false);
    expect(isCacheable('/commitments', 'list')).toBe(true);
    expect(isCacheable('/dialogue', 'no-such-verb')).toBe(false);
  });

  it('reads the verb as the router does: flag removed wherever it stands, empty text → the default verb', () => {
    expect(readVerb('/dialogue', '')).toMatchObject({ verb: 'help', typed: null, argText: '' });
    expect(readVerb('/commitments', '  ')).toMatchObject({ verb: 'list', typed: null });
    expect(readVerb('/dialogue', '--dialogue mexico-uk Schedule 2027-03-10 10:00')).toMatchObject({
      verb: 'schedule',
      typed: 'Schedule',
      argText: '2027-03-10 10:00',
      dialogue: 'mexico-uk',
      flagMissing: false,
    });
    expect(readVerb('/dialogue', 'next --dialogue')).toMatchObject({ verb: 'next', flagMissing: true });
  });

  it('lists every verb in /dialogue help and /commitments help, once, in both languages', () => {
    for (const lang of ['en', 'es'] as const) {
      const help = messages(lang).help;
      for (const [command, lines] of [
        ['/dialogue', help.dialogue.lines],
        ['/commitments', help.commitments.lines],
      ] as const) {
        const text = lines.join('\n');
        for (const verb of verbNames(command)) {
          if (verb === 'help') continue;
          expect(text, `${lang} ${command} help names ${verb}`).toMatch(
            new RegExp(`(^|[\\s/·|])${verb}(?![\\w-])`, 'm'),
          );
        }
        expect(new Set(lines).size).toBe(lines.length);
      }
    }
  });

  it('builds a usage hint with every verb and its arguments', () => {
    expect(usageHint('/dialogue')).toContain('schedule YYYY-MM-DD [HH:MM[-HH:MM]] [city]');
    expect(usageHint('/commitments').split(' · ')).toHaveLength(Object.keys(VERBS['/commitments']).length);
  });

  it('reads every Spanish alias as its verb, with or without accents, in any case', () => {
    for (const command of COMMANDS) {
      for (const [alias, verb] of verbAliases(command)) {
        expect(verbNames(command), `${command} ${alias}`).toContain(verb);
        // An alias never shadows a verb of its own command.
        expect(verbNames(command)).not.toContain(alias);
        expect(readVerb(command, `${alias.toUpperCase()} x`)).toMatchObject({ verb, argText: 'x' });
        expect(readVerb(command, `--dialogue mexico-uk ${alias}`)).toMatchObject({ verb, dialogue: 'mexico-uk' });
      }
    }
    expect(canonicalVerb('/dialogue', 'Próxima')).toBe('next');
    expect(canonicalVerb('/dialogue', 'recordar-aquí')).toBe('remind-here');
    expect(canonicalVerb('/commitments', 'AGREGAR')).toBe('add');
    expect(canonicalVerb('/commitments', 'ayuda')).toBe('help');
    expect(canonicalVerb('/dialogue', 'ayuda')).toBe('help');
    expect(canonicalVerb('/dialogue', 'no-such-verb')).toBe('no-such-verb');
    expect(Object.keys(ALIASES['/commitments'])).toEqual(
      expect.arrayContaining(['lista', 'mostrar', 'actualizar', 'asignar', 'nota', 'historial', 'agregar', 'deshacer']),
    );
  });

  it('gives an alias the facts of its verb: Share, the answer cache and the request log follow the verb', () => {
    let privateAliases = 0;
    for (const command of COMMANDS)
      for (const [alias, verb] of verbAliases(command)) {
        const facts = verbFacts(command, verb)!;
        expect(verbFacts(command, alias), `${command} ${alias}`).toBe(facts);
        expect(isCacheable(command, alias)).toBe(!facts.changes && !facts.private);
        if (facts.private) privateAliases++;
        for (const text of SPELLINGS(alias)) {
          expect(isShareable(command, text), `${command} ${text}`).toBe(!facts.private && !facts.changes);
          if (facts.private || facts.changes) expect(shareValue(command, text), `${command} ${text}`).toBeNull();
          else expect(shareValue(command, text)).not.toBeNull();
        }
      }
    expect(privateAliases).toBeGreaterThanOrEqual(4);
    expect(isShareable('/dialogue', '--dialogue mexico-uk suscribir')).toBe(false);
    expect(isShareable('/dialogue', 'Idioma es')).toBe(false);
    expect(isShareable('/dialogue', 'siguiente')).toBe(true);
  });

  it('shows each alias in the Spanish help next to its verb', () => {
    const help = messages('es').help;
    for (const [command, lines] of [
      ['/dialogue', help.dialogue.lines],
      ['/commitments', help.commitments.lines],
    ] as const) {
      const text = lines.join('\n');
      // `recordar-aquí` is shown with its accent; the alias table holds it without.
      const shown = text.normalize('NFD').replace(/\p{M}/gu, '');
      const verbsShown = new Set<string>();
      for (const [alias, verb] of verbAliases(command)) {
        if (new RegExp(`${alias}\\|${verb}(?![\\w-])`).test(shown)) verbsShown.add(verb);
      }
      for (const verb of verbNames(command))
        if (verb !== 'help') expect(verbsShown, `${command} ${verb}`).toContain(verb);
    }
  });
});
