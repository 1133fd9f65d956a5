/**
 * Words of a customer's text as the sentiment model and the theme extractor read them:
 * lowercase, links and @handles replaced (they name the company, not a feeling), emoticons
 * and emoji kept as tokens (they carry much of the sentiment of short texts), letters
 * repeated three or more times cut to two ("sooo" and "soooooo" are one word).
 */

const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(^|[^\w])@\w+/gu;
const POSITIVE_EMOTICON = /(?:^|\s)(?:[:;=8]-?[)\]dp}]|<3|\^_?\^|:-?\*)(?=\s|$)/giu;
const NEGATIVE_EMOTICON = /(?:^|\s)(?:[:;=]'?-?[(\[{/\\|]|d-?:|>:-?\(|:-?@)(?=\s|$)/giu;
const TOKEN = /\p{Extended_Pictographic}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[!?]+|[.,;:]/gu;

/** Marks that end a clause: negation stops at them. */
export const CLAUSE_END = new Set(['.', ',', ';', ':', '!', '?']);

/** Text as lowercase tokens, with `<link>`, `<handle>`, `<smile>` and `<frown>` placeholders. */
export function tokenizeText(text: string): string[] {
  const cleaned = text
    .replace(LINK, ' zzlinkzz ')
    .replace(HANDLE, '$1 zzhandlezz ')
    .replace(POSITIVE_EMOTICON, ' zzsmilezz ')
    .replace(NEGATIVE_EMOTICON, ' zzfrownzz ')
    .replace(/&amp;/g, '&')
    .replace(/&[lg]t;/g, ' ')
    .toLowerCase()
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
  const tokens: string[] = [];
  for (const match of cleaned.matchAll(TOKEN)) {
    const token = match[0].replace(/’/g, "'");
    tokens.push(PLACEHOLDERS.get(token) ?? (token.startsWith('!') || token.startsWith('?') ? token[0]! : token));
  }
  return tokens;
}

const PLACEHOLDERS = new Map([
  ['zzlinkzz', '<link>'],
  ['zzhandlezz', '<handle>'],
  ['zzsmilezz', '<smile>'],
  ['zzfrownzz', '<frown>'],
]);

const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'nor', 'cannot', 'cant', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'wont', 'without', 'hardly']);

/** Whether a token negates what follows it ("not", "never", "didn't", ...). */
export const isNegator = (token: string): boolean => NEGATORS.has(token) || token.endsWith("n't");

/**
 * Tokens with those in a negated clause prefixed by `not_` ("not good" -> `not`, `not_good`),
 * so "good" and "not good" weigh differently; the scope ends at punctuation.
 */
export function markNegation(tokens: readonly string[]): string[] {
  let negated = false;
  return tokens.map((token) => {
    if (CLAUSE_END.has(token)) {
      negated = false;
      return token;
    }
    if (isNegator(token)) {
      negated = true;
      return token;
    }
    return negated && !token.startsWith('<') ? `not_${token}` : token;
  });
}
