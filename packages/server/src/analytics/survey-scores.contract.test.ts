import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSurveyCounts, personaPersonsSql, surveyCountsReference, type AnalysisEvent, type SurveyScoresPlan } from '@waymark/core';
import { runCompiled } from './engines/run-compiled.ts';
import { comparable, ENGINES, TEST_PROJECT, type TestEngine } from './testing/analytics-engines.ts';

const START = Date.parse('2026-03-01T00:00:00Z');
const SPAN = 70 * 86_400_000;

// Survey events as the server writes them, plus noise: other surveys, other events, odd types.
const events = fc
  .array(
    fc.record({
      person: fc.integer({ min: 0, max: 5 }),
      shown: fc.boolean(),
      survey: fc.constantFrom('s1', 's1', 's2'),
      type: fc.constantFrom('nps', 'csat', 'ces', 'text', 'single_choice'),
      score: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      sentiment: fc.option(fc.constantFrom(-1, -0.5, -0.05, -0.04, 0, 0.05, 0.7), { nil: undefined }),
      response: fc.integer({ min: 0, max: 8 }),
      touchpoint: fc.option(fc.constantFrom('checkout', 'delivery'), { nil: undefined }),
      at: fc.oneof(fc.integer({ min: 0, max: 70 }).map((d) => d * 86_400_000), fc.integer({ min: 0, max: SPAN - 1 })),
      noise: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map(
      (r, i): AnalysisEvent => ({
        personId: `p${r.person}`,
        event: r.noise && r.response === 0 ? 'Order Completed' : r.shown ? 'Survey Shown' : 'Survey Answered',
        timestamp: START + r.at,
        sessionId: null,
        channel: 'survey',
        properties: {
          survey_id: r.survey,
          ...(r.touchpoint !== undefined && { touchpoint_id: r.touchpoint }),
          ...(!r.shown && { question_type: r.type, response_id: `r${r.response}` }),
          ...(!r.shown && r.score !== undefined && { score: r.score }),
          ...(!r.shown && r.sentiment !== undefined && { sentiment: r.sentiment }),
        },
        seq: i,
      }),
    ),
  );

const plans: fc.Arbitrary<SurveyScoresPlan> = fc.record({
  surveyId: fc.constantFrom('s1', null),
  fromDay: fc.integer({ min: 0, max: 30 }),
  days: fc.integer({ min: 1, max: 45 }),
  interval: fc.constantFrom('day', 'week', 'month', null),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
}).map((p) => ({
  kind: 'survey_scores' as const,
  projectId: TEST_PROJECT,
  surveyId: p.surveyId,
  from: START + p.fromDay * 86_400_000,
  to: START + (p.fromDay + p.days) * 86_400_000,
  interval: p.interval,
  timeZone: p.timeZone,
}));

describe.each(ENGINES)('survey counts on $name', ({ create }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(() => engine.close());

  it('equal the reference implementation on random survey events and plans', async () => {
    await fc.assert(
      fc.asyncProperty(events, plans, async (evs, plan) => {
        await engine.load(evs);
        const actual = await runCompiled(engine, compileSurveyCounts(engine.dialect, plan));
        expect(comparable(actual), JSON.stringify(plan)).toEqual(comparable(surveyCountsReference(evs, plan)));
      }),
      { numRuns: 40 },
    );
  });

  it('restrict to the persons of a persona', async () => {
    const answer = (person: string, score: number, seq: number): AnalysisEvent => ({
      personId: person, event: 'Survey Answered', timestamp: START + seq, sessionId: null, channel: 'survey',
      properties: { survey_id: 's1', question_type: 'nps', score, response_id: `r${seq}`, plan: person === 'a' ? 'pro' : 'free' }, seq,
    });
    await engine.load([answer('a', 10, 1), answer('b', 0, 2), answer('b', 2, 3)]);
    const persons = personaPersonsSql(engine.dialect, { all: [{ scope: 'event', property: 'plan', op: 'eq', value: 'free' }] }, TEST_PROJECT);
    const plan: SurveyScoresPlan = { kind: 'survey_scores', projectId: TEST_PROJECT, surveyId: 's1', from: START, to: START + 86_400_000, interval: null, timeZone: 'UTC' };
    const rows = await runCompiled(engine, compileSurveyCounts(engine.dialect, plan, persons));
    expect(rows.map((r) => [r.counts.npsN, r.counts.detractors, r.counts.responses])).toEqual([[2, 2, 2]]);
  });
});
