import fc from 'fast-check';
import type { EventMatcher, EventSelector } from '@waymark/core';

/** An analysis's events: mostly one matcher, sometimes any of one to three (which may overlap each other and other selectors). */
export const selectorOf = (matcher: fc.Arbitrary<EventMatcher>): fc.Arbitrary<EventSelector> =>
  fc.oneof({ weight: 3, arbitrary: matcher }, { weight: 1, arbitrary: fc.record({ anyOf: fc.array(matcher, { minLength: 1, maxLength: 3 }) }) });
