/**
 * Words that never start, end or make up a theme: English function words, and the small talk
 * of customer messages (greetings, thanks, fillers) that says how someone writes, not what
 * about. They split a text into candidate phrases, as RAKE does.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost also am an and any are aren\'t as at be because been before being below between both but by never nothing nobody none ' +
    'can can\'t cannot could couldn\'t did didn\'t do does doesn\'t doing don\'t down during each even ever every few for from further had hadn\'t has hasn\'t have haven\'t having he her here hers herself him himself his how ' +
    'i i\'d i\'ll i\'m i\'ve if in into is isn\'t it it\'s its itself just let\'s me more most much must my myself no nor not now of off on once only or other ought our ours ourselves out over own ' +
    'same she should shouldn\'t so some such than that that\'s the their theirs them themselves then there there\'s these they they\'re this those through to too under until up upon very ' +
    'was wasn\'t we we\'re we\'ve were weren\'t what what\'s when where which while who whom why will with won\'t would wouldn\'t you you\'re you\'ve your yours yourself yourselves ' +
    'im ive id dont cant wont didnt doesnt isnt wasnt u ur ya yall y\'all pls plz please thanks thank thx ty hi hello hey yes yeah yep ok okay lol omg wow oh ah hmm well ' +
    'guys guy folks try trying tried tries get got getting gets go going gone went goes make made say said tell told know knew think thought want wanted need needed see seen saw come came take took give gave ' +
    'really still already yet way thing things lot lots one two us amp via today tomorrow yesterday tonight day days time times hour hours minute minutes min mins week weeks back like will would may might ' +
    'good great bad best worst better worse love hate awesome amazing terrible horrible nice happy sad angry appreciate sorry'
  ).split(/\s+/),
);

/** Whether a token can be part of a theme phrase: a word of at least two letters, not a stop word. */
export const isContentWord = (token: string): boolean => token.length >= 2 && /^\p{L}[\p{L}'\-]*$/u.test(token) && !STOP_WORDS.has(token);
