/**
 * Words customers use for the same thing, mapped to one: a theme about lost bags gathers
 * "luggage" and "baggage" too. Kept short and general on purpose: support vocabulary, not
 * one industry's jargon.
 */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['luggage', 'bag'], ['baggage', 'bag'], ['suitcase', 'bag'],
  ['late', 'delay'], ['lateness', 'delay'],
  ['cancellation', 'cancel'], ['canceled', 'cancel'], ['cancelled', 'cancel'], ['cancell', 'cancel'],
  ['reimbursement', 'refund'], ['reimburse', 'refund'],
  ['representative', 'agent'], ['rep', 'agent'],
  ['cust', 'customer'], ['svc', 'service'], ['cs', 'customer service'],
  ['phone', 'call'], ['wifi', 'wi-fi'], ['website', 'site'], ['app', 'app'],
]);

const VOWEL = /[aeiouy]/;

/**
 * A light stem, for grouping only (themes are shown with the words customers wrote):
 * plurals, -ed, -ing and -ation cut, doubled end consonants undone, some final e dropped.
 * "delays", "delayed" and "delay" share one stem; so do "cancelled" and "cancellation".
 *
 * @example stemWord('cancelled') // 'cancel'
 */
export function stemWord(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  const synonym = SYNONYMS.get(lower);
  if (synonym !== undefined) return synonym;
  let w = lower;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ations', 'ation', 'ing', 'ed']) {
    const base = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) {
      w = /([^aeiouylsz])\1$/.test(base) ? base.slice(0, -1) : base;
      break;
    }
  }
  // -ed and -ing take the e of "change" and "service" away; take it from the bare word too
  // (only after c, g, s, v, z, so "plane" and "plan" stay apart).
  if (w.length > 4 && /[cgsvz]e$/.test(w)) w = w.slice(0, -1);
  return SYNONYMS.get(w) ?? w;
}
