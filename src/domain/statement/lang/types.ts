/**
 * Everything the statement parser needs to know about one language, in one table. Patterns are
 * regular-expression sources (no flags); the parser compiles them case-insensitively unless noted.
 * Adding a language is adding a table like en.ts or es.ts and listing it in index.ts.
 */
export interface LanguageTable {
  readonly code: 'en' | 'es';
  /** Common short words, to tell the language of a text by counting them. */
  readonly stopwords: readonly string[];
  /** Month names, January first; each entry lists the spellings of one month. */
  readonly months: readonly (readonly string[])[];
  /** Weekday names, Monday first; each entry lists the spellings of one day. */
  readonly weekdays: readonly (readonly string[])[];
  /** Month names are matched with their capitals as listed (English), else in any case. */
  readonly monthsCaseSensitive: boolean;
  /** Between a day and its month ("of" in "3rd of May", "de" in "21 de junio"). */
  readonly dayMonthLink: string;
  /** Between a month and its year ("de" in "junio de 2016"). */
  readonly monthYearLink: string;
  /** Joins two days of one meeting ("-", "and", "to"; "y", "al"). */
  readonly dayRangeLink: string;
  /** Before a range of days ("from"; "del", "los días"). */
  readonly dayRangeLead: string;
  /** Suffix of a numeric ordinal day or edition ("st|nd|rd|th"; "º|ª"). */
  readonly ordinalSuffix: string;
  /** "today", "hoy": the meeting happened on the publication date. */
  readonly today: string;
  /** "yesterday", "ayer": the day before the publication. */
  readonly yesterday: string;
  /** Before a weekday naming a day of the publication's week ("on", "last"; "este", "el pasado"). */
  readonly weekdayLead: string;
  /** Ordinal words with their values, masculine and feminine forms alike. */
  readonly ordinals: Readonly<Record<string, number>>;
  /** Nouns an ordinal counts when it numbers this meeting ("round", "edición"). */
  readonly meetingNouns: readonly string[];
  /** Words after an ordinal that show it counts something else ("time", "vez"). */
  readonly notMeetingAfterOrdinal: readonly string[];
  /** Words that may stand before a Roman numeral numbering the meeting ("the", "el", "la"). */
  readonly romanLead: readonly string[];
  /** Words that show a clause is about another meeting (earlier rounds, summits, the next round). */
  readonly otherMeeting: string;
  /** Verbs that record this meeting ("held", "took place"; "se celebró", "sostuvieron"). */
  readonly meetingVerbs: string;
  /** Prepositions before the place of the meeting ("in", "at"; "en"). */
  readonly placePrepositions: readonly string[];
  /** Capitalised words that make a phrase after "in" an institution, not a place. */
  readonly notPlaceWords: readonly string[];
  /**
   * The next meeting of this series ("next round", "próxima reunión"). `{ACRONYM}` stands for the
   * series' own abbreviation as the text forms it ("the next FOC" after "Foreign Office
   * Consultations"): see `nameLinks`.
   */
  readonly nextMeeting: string;
  /**
   * Lower-case words that may stand inside a meeting's capitalised name ("Dialogue on Human Rights",
   * "Diálogo de Alto Nivel"). A name holding a meeting noun gives the series an acronym: the initials
   * of its capitalised words (FOC, DANDH), or the letters it is given in brackets ("… (MCP)").
   */
  readonly nameLinks: readonly string[];
  /** The year after the meeting's ("next year", "el próximo año"), for the next meeting's year. */
  readonly yearAfter: string;
  /** The meeting's own year ("later this year", "este mismo año"), for the next meeting's year. */
  readonly sameYear: string;
  /** A later edition in the future tense ("the third Dialogue will be held"); {ORDINAL} and {NOUN} are filled in. */
  readonly laterEdition: string;
  /** Other series whose "next" meeting is not this dialogue's (case-insensitive). */
  readonly notThisSeries: string;
  /** Phrases before the host or year of the next meeting ("in", "by"; "en", "para"). */
  readonly nextPrepositions: readonly string[];
  /** Phrases by which the parties undertake something. */
  readonly undertakings: string;
  /** "<subject> will …" undertakings (English); {NAMES} is filled with the gazetteer's names. */
  readonly subjectWill: string | null;
  /** "…, including A, B and C": where a list of several undertakings starts. */
  readonly listLead: string;
  /** The word joining the last item of a list ("and"; "y"). */
  readonly listAnd: string;
  /** Phrases that introduce the people of a delegation ("led by", "encabezada por"). */
  readonly leadIn: string;
  /** Verbs after the people who chair ("co-chaired", "presidieron"), with their subjects before. */
  readonly leadAfter: string;
  /** The noun for one side ("delegation", "side"; "delegación", "parte"). */
  readonly sideNouns: readonly string[];
  /** "on behalf of Mexico", "por la parte mexicana": marks the side of the person next to it. {NAME} and {ADJ} are filled in. */
  readonly sideMarkers: readonly string[];
  /** Words joining people in a list ("and", "accompanied by"; "y", "acompañado de"). */
  readonly connectors: string;
  /** A list of people goes on with the next person ("and the …", "y el …"). */
  readonly personSplit: string;
  /** Forms of address removed from names (case-sensitive: they are written capitalised or not as listed). */
  readonly honorifics: readonly string[];
  /** Of those, the ones that also serve as a title when no other is given. */
  readonly titleHonorifics: readonly string[];
  /** Words of office: a phrase holding one is a title, never a person's name (lower case). */
  readonly officeWords: readonly string[];
  /** Abbreviations after which a full stop does not end a sentence (lower case, no final dot). */
  readonly abbreviations: readonly string[];
  /** How a sentence starts when it goes on about the people of the sentence before (no verb of its own). */
  readonly verbs: string;
  /** Themes guessed from the words of an undertaking (kebab-case names, shared by all languages). */
  readonly themes: readonly (readonly [name: string, pattern: string, caseSensitive?: boolean])[];
}
