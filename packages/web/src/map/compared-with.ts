import type { JourneyNumbers } from '../api/types.ts';

/** What the map's changes are against: the period before, cut at the same point while the range is not over (the server does so). */
export const comparedWith = (numbers: JourneyNumbers | undefined): string =>
  numbers?.previous && numbers.previous.to < numbers.range.from ? 'the period before, up to the same point' : 'the previous period';
