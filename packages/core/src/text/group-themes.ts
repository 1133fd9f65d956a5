import type { KeyPhrase } from './extract-key-phrases.ts';

/** Phrases gathered under one word: the texts they occur in and how often each phrase does. */
export interface PhraseGroup {
  /** The stem that names the group ("delay"). */
  readonly key: string;
  /** Indexes of the texts holding a phrase of the group. */
  readonly texts: ReadonlySet<number>;
  /** Phrase as written -> number of texts holding it. */
  readonly phrases: ReadonlyMap<string, number>;
}

export interface GroupingOptions {
  /** A word in more than this share of the texts is background (the product's own name, "flight" for an airline): it names no theme. */
  readonly backgroundShare: number;
  /** Below this many texts, no word counts as background: small samples have no background. */
  readonly backgroundMinTexts: number;
  /**
   * A group joins another when this share of its phrase occurrences hold the other's word,
   * or when this share of its texts are also texts of the other, larger group.
   */
  readonly mergeOverlap: number;
  /** Co-occurrence says little about a group of fewer texts than this: it is never folded for it. */
  readonly mergeMinTexts: number;
}

export const DEFAULT_GROUPING: GroupingOptions = { backgroundShare: 0.15, backgroundMinTexts: 50, mergeOverlap: 0.6, mergeMinTexts: 3 };

interface Group {
  readonly key: string;
  readonly texts: Set<number>;
  readonly phrases: Map<string, number>;
  readonly stems: Map<string, readonly string[]>;
}

/**
 * Groups the phrases of many texts into themes. A phrase belongs to its head: of its words
 * that are not background, the one found in most texts (the last on a tie), since the word
 * phrases share is what they are about ("lost luggage" -> bag, "refund arrived quickly" ->
 * refund, "late flight" -> delay when "flight" is background). Then a group folds into
 * another when most of its phrases hold that group's word ("cancelled trip" joins "cancel"),
 * or when it mostly co-occurs with a larger one. Groups come back largest first (ties by key).
 */
export function groupPhrases(phrasesByText: readonly (readonly KeyPhrase[])[], options: GroupingOptions = DEFAULT_GROUPING): PhraseGroup[] {
  const textsWith = new Map<string, number>();
  for (const phrases of phrasesByText) for (const stem of new Set(phrases.flatMap((p) => p.stems))) textsWith.set(stem, (textsWith.get(stem) ?? 0) + 1);
  const hasBackground = phrasesByText.length >= options.backgroundMinTexts;
  const isBackground = (stem: string) => hasBackground && textsWith.get(stem)! > options.backgroundShare * phrasesByText.length;
  const groups = new Map<string, Group>();
  phrasesByText.forEach((phrases, textIndex) => {
    for (const phrase of phrases) {
      let head: string | undefined;
      for (const stem of phrase.stems) if (!isBackground(stem) && (head === undefined || textsWith.get(stem)! >= textsWith.get(head)!)) head = stem;
      if (head === undefined) continue;
      let group = groups.get(head);
      if (!group) groups.set(head, (group = { key: head, texts: new Set(), phrases: new Map(), stems: new Map() }));
      group.texts.add(textIndex);
      group.phrases.set(phrase.text, (group.phrases.get(phrase.text) ?? 0) + 1);
      group.stems.set(phrase.text, phrase.stems);
    }
  });
  const byWord = foldInto([...groups.values()].sort(bySize).reverse(), (group, live) => hostByWord(group, live, options.mergeOverlap));
  const byTexts = foldInto(byWord.sort(bySize), hostByTexts(byWord, options.mergeOverlap, options.mergeMinTexts));
  return byTexts.sort(bySize).map(({ key, texts, phrases }) => ({ key, texts, phrases }));
}

/** Walks the groups in order; each joins the live group `hostOf` names, or stays. */
function foldInto(groups: Group[], hostOf: (group: Group, live: ReadonlyMap<string, Group>) => Group | undefined): Group[] {
  const live = new Map(groups.map((g) => [g.key, g]));
  for (const group of groups) {
    const host = hostOf(group, live);
    if (!host || host === group) continue;
    live.delete(group.key);
    for (const t of group.texts) host.texts.add(t);
    for (const [text, n] of group.phrases) {
      host.phrases.set(text, (host.phrases.get(text) ?? 0) + n);
      host.stems.set(text, group.stems.get(text)!);
    }
  }
  return groups.filter((g) => live.get(g.key) === g);
}

/** The group whose word most of this group's phrase occurrences hold, if any. */
function hostByWord(group: Group, live: ReadonlyMap<string, Group>, share: number): Group | undefined {
  let total = 0;
  const holding = new Map<string, number>();
  for (const [text, n] of group.phrases) {
    total += n;
    for (const stem of new Set(group.stems.get(text)!)) if (stem !== group.key) holding.set(stem, (holding.get(stem) ?? 0) + n);
  }
  // Several words may qualify ("refund arrived quickly"): the most held, then the larger theme.
  const [best] = [...holding]
    .filter(([stem, n]) => n >= share * total && live.has(stem))
    .map(([stem, n]) => ({ host: live.get(stem)!, n }))
    .sort((a, b) => b.n - a.n || bySize(a.host, b.host));
  return best?.host;
}

/**
 * The largest group holding most of this group's texts, if any. The groups holding each text
 * are indexed once; a fold adds the host under the folded group's texts.
 */
function hostByTexts(groups: readonly Group[], share: number, minTexts: number): (group: Group, live: ReadonlyMap<string, Group>) => Group | undefined {
  const holders = new Map<number, Set<Group>>();
  for (const g of groups) for (const t of g.texts) (holders.get(t) ?? holders.set(t, new Set()).get(t)!).add(g);
  return (group, live) => {
    if (group.texts.size < minTexts) return undefined;
    const shared = new Map<Group, number>();
    for (const t of group.texts) for (const other of holders.get(t) ?? []) if (other !== group && live.get(other.key) === other) shared.set(other, (shared.get(other) ?? 0) + 1);
    const [host] = [...shared].filter(([other, n]) => other.texts.size >= group.texts.size && n >= share * group.texts.size).map(([other]) => other).sort(bySize);
    if (host) for (const t of group.texts) holders.get(t)!.add(host);
    return host;
  };
}

const bySize = (a: Group, b: Group) => b.texts.size - a.texts.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
