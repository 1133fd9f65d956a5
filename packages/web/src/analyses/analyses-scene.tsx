import { FUNNEL_ORDERS, INTERVALS, minuteOf, resultTable, tableCsv, type EventSelector, type FunnelOrder, type FunnelResult, type JourneyMap, type LifecycleResult, type LifecycleStatus, type PathNode, type PathsResult, type PeriodClock, type RetentionResult, type StickinessResult, type TrendLine, type TrendsResult } from '@waymark/core';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { rangeDays, rangeFromParams, rangeInterval, rangeMs } from '../map/date-range.ts';
import { PersonsPicker, RangePicker } from '../map/map-toolbar.tsx';
import { LISTED_PERSONS, PersonsList } from '../people/persons-list.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { navigate, useLocation } from '../shell/router.ts';
import { download, slug } from '../shell/download.ts';
import { useApp } from '../shell/session-context.ts';
import { useAsync } from '../shell/use-async.ts';
import { Choice, ExcludeChoice, HoldChoice, IntervalChoice, MeasureChoice, SplitChoice } from './analysis-choices.tsx';
import { analysisPath, ANALYSIS_KINDS, skipFromParams, type AnalysisKind, type AnalysisTarget, type PageTarget } from './analysis-link.ts';
import {
  analysisSplit, chosenFunnelSteps, eventsPhrase, findStage, findTouchpointIn, firstTouchpoint, funnelChoices, funnelOrder, funnelSpec, funnelWindow, FUNNEL_WINDOWS, intervalChoices, JOURNEY_FUNNEL, lifecycleSpec, mapEvents, MEASURE_NAME, pageInterval,
  moreSplitValues, pathsDirection, pathsScope, pathsSpec, pathsSteps, PATHS_STEPS, retentionInterval, retentionReturn, retentionReturning, retentionSpec, selectorLabel, splitName, splitValues, stickinessSpec, touchpointEvents, trendsLabels, trendsMeasure, trendsSpec,
  type FunnelPersonsAt, type PeriodKind,
} from './analysis-specs.ts';
import { FunnelStepPicker } from './funnel-step-picker.tsx';
import './register-charts.ts';
import { FunnelView } from './funnel-view.tsx';
import { LifecycleView, statusLabel } from './lifecycle-view.tsx';
import { nodeName, PathsView, stepPhrase } from './paths-view.tsx';
import { RetentionView } from './retention-view.tsx';
import { StickinessView } from './stickiness-view.tsx';
import { TrendsView } from './trends-view.tsx';

const KIND_LABEL: Record<AnalysisKind, string> = { funnel: 'Funnel', paths: 'Paths', retention: 'Retention', trends: 'Trends', lifecycle: 'Lifecycle', stickiness: 'Stickiness' };

/** The analyses behind the map: a stage's funnel; a touchpoint's paths, retention, trends, lifecycle and stickiness. */
export function AnalysesScene() {
  const { project } = useApp();
  const { params } = useLocation();
  const list = useAsync(() => api.journeys(project.slug), [project.slug]);
  const journeyId = params.get('journey') ?? list.data?.journeys[0]?.id;
  const journey = useAsync(journeyId ? () => api.journey(project.slug, journeyId) : null, [project.slug, journeyId]);
  const map = journey.data?.map;
  const cohort = params.get('cohort') ?? undefined;
  // Fetched again when the page turns to a cohort just saved.
  const cohorts = useAsync(() => api.cohorts(project.slug), [project.slug, cohort]);
  if (list.error || journey.error) return <ErrorNote error={list.error ?? journey.error} />;
  if (!journeyId) return <p className="empty-state">No journey map yet: analyses start from a map's stages and touchpoints.</p>;
  if (!map) return <p className="empty-state">Loading…</p>;
  const kind = (ANALYSIS_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as AnalysisKind) : 'funnel';
  const stage = findStage(map, params.get('stage')) ?? map.stages.find((s) => s.touchpoints.length > 0) ?? map.stages[0]!;
  // Without a stage (the nav's link), the funnel is the whole journey's: where a map begins.
  const funnelOf = params.get('stage') === JOURNEY_FUNNEL || !findStage(map, params.get('stage')) ? JOURNEY_FUNNEL : stage;
  const touchpoint = findTouchpointIn(map, params.get('touchpoint')) ?? stage.touchpoints[0] ?? firstTouchpoint(map);
  // Kept as the address has it: a persona the map no longer has is said (the picker, the query's error), not dropped.
  const persona = params.get('persona') || undefined;
  const target: PageTarget = {
    kind, journey: journeyId, stage: funnelOf === JOURNEY_FUNNEL ? JOURNEY_FUNNEL : stage.id, touchpoint: touchpoint?.id, persona, cohort, range: rangeFromParams(params, project.timeZone),
    breakdown: analysisSplit(params.get('breakdown')), values: splitValues(params.get('values')), skip: skipFromParams(params), toGoal: params.get('goal') === '1',
    direction: pathsDirection(params.get('direction')), returnTo: retentionReturn(params.get('return')), returning: retentionReturning(params.get('returning')), cohorts: retentionInterval(params.get('cohorts')),
    windowDays: funnelWindow(params.get('window')), order: funnelOrder(params.get('order')), hold: params.get('hold') || undefined, exclude: params.get('exclude') || undefined,
    measure: trendsMeasure(params.get('measure')), interval: INTERVALS.find((i) => i === params.get('interval')),
    steps: pathsSteps(params.get('steps')), scope: pathsScope(params.get('within')),
  };
  const go = (patch: Partial<AnalysisTarget>) => navigate(analysisPath(project.slug, { ...target, ...patch }), { replace: true });
  // The funnel's split and held property are among those of its first step.
  const firstStep = chosenFunnelSteps(map, funnelOf, new Set(target.skip), target.toGoal ?? false)[0]?.step ?? NO_EVENTS;

  return (
    <div className="analyses-scene">
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label="Analysis">
          {ANALYSIS_KINDS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={k === kind} className={k === kind ? 'segmented active' : 'segmented'} onClick={() => go({ kind: k })}>
              {KIND_LABEL[k]}
            </button>
          ))}
        </div>
        {kind === 'funnel' ? (
          <>
            <Choice
              caption="Stage"
              value={target.stage ?? JOURNEY_FUNNEL}
              options={[[JOURNEY_FUNNEL, 'The whole journey, stage by stage'], ...map.stages.map((s) => [s.id, s.name] as const)]}
              onChange={(stage) => go({ stage, skip: undefined })}
            />
            <Choice caption="Within" label="Window" value={String(target.windowDays)} options={FUNNEL_WINDOWS.map((days) => [String(days), daysLabel(days)] as const)} onChange={(v) => go({ windowDays: funnelWindow(v) })} />
            <Choice caption="Order" value={target.order} options={FUNNEL_ORDERS.map((order) => [order, ORDER_LABEL[order]] as const)} onChange={(v) => go({ order: funnelOrder(v) })} />
            <SplitChoice project={project.slug} events={firstStep} value={target.breakdown} channel="Channel of the first step" onChange={(breakdown) => go({ breakdown, values: undefined })} />
            <HoldChoice project={project.slug} events={firstStep} value={target.hold} onChange={(hold) => go({ hold })} />
            <ExcludeChoice project={project.slug} value={target.exclude} onChange={(exclude) => go({ exclude })} />
          </>
        ) : (
          <Choice caption="Touchpoint" value={touchpoint?.id ?? ''} options={map.stages.flatMap((s) => s.touchpoints.map((t) => [t.id, `${s.name}: ${t.name}`] as const))} onChange={(id) => go({ touchpoint: id })} />
        )}
        {kind === 'paths' && (
          <>
            <Choice caption="Paths" value={target.direction} options={[['after', 'What came next'], ['before', 'What led there']]} onChange={(v) => go({ direction: pathsDirection(v) })} />
            <Choice caption="Steps" value={String(target.steps)} options={PATHS_STEPS.map((n) => [String(n), String(n)] as const)} onChange={(v) => go({ steps: pathsSteps(v) })} />
            <Choice caption="Within" label="Paths within" value={target.scope} options={[['person', 'Each person'], ['session', 'Each session']]} onChange={(v) => go({ scope: pathsScope(v) })} />
          </>
        )}
        {isPeriodKind(kind) && (
          <IntervalChoice value={pageInterval(kind, target.interval, target.range)} options={intervalChoices(kind, target.range)} onChange={(interval) => go({ interval })} />
        )}
        {kind === 'trends' && touchpoint && (
          <>
            <MeasureChoice project={project.slug} events={touchpointEvents(touchpoint)} value={target.measure} onChange={(measure) => go({ measure })} />
            <SplitChoice project={project.slug} events={touchpointEvents(touchpoint)} value={target.breakdown} channel="Channel" onChange={(breakdown) => go({ breakdown, values: undefined })} />
          </>
        )}
        {kind === 'retention' && (
          <Choice caption="Cohorts by" value={target.cohorts} options={[['day', 'Day'], ['week', 'Week'], ['month', 'Month']]} onChange={(v) => go({ cohorts: retentionInterval(v) })} />
        )}
        {kind === 'retention' && (
          <Choice
            caption="Coming back to"
            value={target.returnTo}
            options={[['goal', `The goal: ${map.goal.name}`], ['touchpoint', 'The touchpoint again']]}
            onChange={(v) => go({ returnTo: retentionReturn(v) })}
          />
        )}
        {kind === 'retention' && (
          <Choice
            caption="Counted"
            value={target.returning}
            options={[['on', `In that ${target.cohorts}`], ['onOrAfter', `In it or any later ${target.cohorts}`]]}
            onChange={(v) => go({ returning: retentionReturning(v) })}
          />
        )}
        <span className="spacer" />
        <PersonsPicker caption="Cohort" choices={cohorts.data?.cohorts} value={cohort ?? ''} onChange={(c) => go({ cohort: c || undefined })} />
        <PersonsPicker caption="Persona" choices={map.personas} value={persona ?? ''} onChange={(p) => go({ persona: p || undefined })} />
        <RangePicker range={target.range} onChange={(range) => go({ range })} />
      </div>
      {kind === 'funnel' && (
        <FunnelStepPicker choices={funnelChoices(map, funnelOf)} goal={map.goal.name} skip={target.skip ?? []} toGoal={target.toGoal ?? false} onChange={(skip, toGoal) => go({ skip, toGoal })} />
      )}
      <AnalysisBody key={analysisPath(project.slug, target)} map={map} target={target} cohortName={cohorts.data?.cohorts.find((c) => c.id === cohort)?.name} onAnalyseCohort={(id) => go({ cohort: id })} />
    </div>
  );
}

const isPeriodKind = (kind: AnalysisKind): kind is PeriodKind => kind === 'trends' || kind === 'lifecycle' || kind === 'stickiness';
// Before any step is chosen, a funnel's split has only the channel to offer.
const NO_EVENTS: EventSelector = { anyOf: [], name: '' };
const daysLabel = (days: number) => (days === 1 ? '1 day' : `${days} days`);
const ORDER_LABEL: Record<FunnelOrder, string> = { ordered: 'In this order', strict: 'Each step the very next event', any: 'In any order' };
const ORDER_PHRASE: Record<FunnelOrder, string> = { ordered: 'in this order', strict: 'each the very next event after the one before', any: 'in any order' };

/** The table on the page as a CSV file named by the analysis, what it is about and its range. */
function downloadCsv(result: unknown, clock: PeriodClock, target: PageTarget, subject: string) {
  const table = resultTable(target.kind, result, clock)!;
  const { first, last } = rangeDays(target.range);
  const name = [target.kind, slug(subject), first, last].filter(Boolean).join('-');
  download(new Blob([tableCsv(table)], { type: 'text/csv' }), `${name}.csv`);
}

type TouchpointKind = Exclude<AnalysisKind, 'funnel'>;
const TITLE: Record<TouchpointKind, (target: PageTarget) => string> = {
  paths: (t) => (t.direction === 'before' ? 'Paths to' : 'Paths after'), retention: () => 'Retention after', trends: () => 'Trends of', lifecycle: () => 'Lifecycle of', stickiness: () => 'Stickiness of',
};
/** What a touchpoint's analysis counts, from its events (“A” or “B”), the map's goal and the page's choices. */
const DESCRIPTION: Record<TouchpointKind, (events: string, goal: string, target: PageTarget) => string> = {
  paths: (events, _, t) => {
    // Within a session, the first event is the session's.
    const [within, whose] = t.scope === 'session' ? [' in a session', 'its'] : ['', 'their'];
    return `What persons did${t.direction === 'before' ? `${within} before` : ` next${within} after`} ${whose} first ${events}, among the events of this map.`;
  },
  retention: (events, goal, t) => `Persons whose first ${events} falls in each ${t.cohorts}, and how many ${t.returnTo === 'touchpoint' ? `do ${events} again` : `reach the goal (${goal})`} ${t.returning === 'onOrAfter' ? `in each ${t.cohorts} after or any later one` : `in the ${t.cohorts}s after`}.`,
  lifecycle: (events) => `Persons doing ${events} for the first time (new), in the period before too (returning), after a break (resurrecting), and who stopped (dormant).`,
  stickiness: (events) => `On how many days of each period persons did ${events}.`,
  trends: (events, _, t) =>
    `${t.measure ? `The ${MEASURE_NAME[t.measure.measure]} of “${t.measure.property}” over ${events}` : `Events: ${events}`}${t.breakdown ? `, per ${splitName(t.breakdown)}` : ''}; the dashed lines are the period before.`,
};

function AnalysisBody({ map, target, cohortName, onAnalyseCohort }: { map: JourneyMap; target: PageTarget; cohortName: string | undefined; onAnalyseCohort: (cohort: string) => void }) {
  const { project } = useApp();
  const stage = target.stage === JOURNEY_FUNNEL ? JOURNEY_FUNNEL : findStage(map, target.stage ?? null)!;
  const touchpoint = findTouchpointIn(map, target.touchpoint ?? null);
  const personaName = map.personas.find((p) => p.id === target.persona)?.name;
  const steps = chosenFunnelSteps(map, stage, new Set(target.skip), target.toGoal ?? false);
  // The window, order, held property and excluded event of the funnel on the page, for its persons lists too.
  const shape = { windowDays: target.windowDays, order: target.order, hold: target.hold, exclude: target.exclude };
  // The periods the analysis counts in: as picked (trends, lifecycle, stickiness), else the range's.
  const interval = isPeriodKind(target.kind) ? pageInterval(target.kind, target.interval, target.range) : rangeInterval(target.range);
  // The time a trend compares up to, to the minute: fixed while the same analysis stays on the page, so its spec (and cached answer) does too.
  const asOf = useMemo(() => minuteOf(Date.now()), [JSON.stringify(target)]);
  const trendsOptions = { split: target.breakdown, values: target.values, measure: target.measure, interval, asOf };
  // The trend's line names: in its spec, so the answer and its CSV carry them, and on its chart.
  const lineLabels = touchpoint ? trendsLabels(touchpoint, trendsOptions) : [];
  // A split past its limit shows more values on asking: 100, then 1,000.
  const moreCount = moreSplitValues(target.values);
  const more = moreCount === undefined ? undefined : { count: moreCount, show: () => navigate(analysisPath(project.slug, { ...target, values: moreCount }), { replace: true }) };
  const [persons, setPersons] = useState<{ title: string; ids: readonly string[]; count: number; from: object } | null>(null);
  const [personsError, setPersonsError] = useState<unknown>(null);
  const spec = (() => {
    if (target.kind === 'funnel') return steps.length >= 2 ? funnelSpec(steps.map((t) => t.step), target.range, { ...shape, breakdown: target.breakdown, values: target.values }) : null;
    if (!touchpoint) return null;
    const events = touchpointEvents(touchpoint);
    if (target.kind === 'paths') return pathsSpec(events, target.range, { include: mapEvents(map), direction: target.direction, steps: target.steps, scope: target.scope });
    if (target.kind === 'retention') return retentionSpec(events, target.returnTo === 'touchpoint' ? events : map.goal.matcher, target.range, target.cohorts, target.returning);
    if (target.kind === 'lifecycle') return lifecycleSpec(events, target.range, interval);
    if (target.kind === 'stickiness') return stickinessSpec(events, target.range, interval);
    return trendsSpec(events, target.range, { ...trendsOptions, labels: lineLabels });
  })();
  // The map's persona picker carries over, and a cohort may be picked: every query here counts their persons only.
  const only = { ...(target.persona && { journey: target.journey, persona: target.persona }), ...(target.cohort && { cohort: target.cohort }) };
  // Another tab, range or cohort before the answer stops the query it no longer needs, on the server too.
  const answer = useAsync(spec ? (signal) => api.query<unknown>(project.slug, { ...spec, ...only }, signal) : null, [JSON.stringify(spec), target.persona, target.cohort]);
  // When the answer was read: the charts shade, and the tables mark, the periods not over by then.
  // The range too: trends and conversion over time shade a period it counts only in part.
  const clock = useMemo(
    () => ({ now: Date.now(), timeZone: answer.data?.meta.timeZone ?? project.timeZone, range: rangeMs(target.range) }),
    [answer.data, project.timeZone, target.range.from, target.range.to],
  );

  /** The persons behind a number: the same analysis with `personsAt`. */
  async function listPersons(title: string, personsSpec: object) {
    setPersonsError(null);
    try {
      const from = { ...personsSpec, ...only };
      const result = await api.query<{ persons?: readonly string[]; personsCount?: number }>(project.slug, { ...from, personsLimit: LISTED_PERSONS });
      setPersons({ title, ids: result.result.persons ?? [], count: result.result.personsCount ?? 0, from });
    } catch (e) {
      setPersonsError(e);
    }
  }
  /** "on 2026-11-20", "in the week of 2026-11-16": a period of the analysis. */
  const periodPhrase = (period: string) => `${interval === 'day' ? 'on' : `in the ${interval} of`} ${period}`;
  const showStepPersons = (at: FunnelPersonsAt) => {
    const group =
      at.breakdown === undefined ? ''
      : target.breakdown === 'channel' ? ` from ${at.breakdown ?? 'no channel'}`
      : ` with ${splitName(target.breakdown!)} ${at.breakdown ?? 'missing'}`;
    const period = at.bucket === undefined ? '' : ` (entered ${periodPhrase(at.bucket)})`;
    listPersons(
      `${at.outcome === 'converted' ? 'Reached' : 'Dropped before'} “${steps[at.step]!.name}”${group}${period}`,
      funnelSpec(steps.map((t) => t.step), target.range, { ...shape, ...(at.breakdown !== undefined && { breakdown: target.breakdown }), personsAt: at }),
    );
  };
  const showActivePersons = (period: string, days?: number) =>
    listPersons(`Active ${days === undefined ? 'in' : `on ${daysLabel(days)} of`} the ${interval} of ${period}`, { ...spec, personsAt: { period, ...(days !== undefined && { days }) } });
  const showStatusPersons = (period: string, status: LifecycleStatus) => listPersons(`${statusLabel(status)} ${periodPhrase(period)}`, { ...spec, personsAt: { period, status } });
  // The spec as the page asked it (compare included), so that only the persons query runs: the counts are cached.
  const showLinePersons = (line: TrendLine, name: string, at?: { bucket: string; previous: boolean }) =>
    listPersons(`Behind “${name}”${at === undefined ? '' : `${at.previous ? ', the period before,' : ''} ${periodPhrase(at.bucket)}`}`, {
      ...spec,
      personsAt: { series: line.series, ...(at && { bucket: at.bucket, ...(at.previous && { previous: true }) }), ...(target.breakdown && { breakdown: line.breakdown }) },
    });
  const showNodePersons = (node: PathNode, from?: PathNode) =>
    // Along a link: after the event, they came to the node from `from`; before it, they went on to `from`.
    listPersons(`“${nodeName(node)}”, ${stepPhrase(node.step, target.direction)}${from ? `, ${target.direction === 'after' ? 'from' : 'then'} “${nodeName(from)}”` : ''}`, {
      ...spec,
      personsAt: { step: node.step, label: node.label, ...(from && { from: from.label }) },
    });
  const showCohortPersons = (cohort: string, period?: number) =>
    listPersons(period === undefined ? `Cohort of ${cohort}` : `Cohort of ${cohort}, back in ${target.cohorts} ${period}${target.returning === 'onOrAfter' ? ' or later' : ''}`, { ...spec, personsAt: { cohort, ...(period !== undefined && { period }) } });

  const subject = target.kind === 'funnel' ? (stage === JOURNEY_FUNNEL ? 'journey' : stage.name) : (touchpoint?.name ?? '');
  if (!spec) return <p className="empty-state">{target.kind === 'funnel' ? 'A funnel needs two steps: pick another above, or add a touchpoint to this stage or the next.' : 'This map has no touchpoint yet.'}</p>;
  return (
    <section className="analysis-body" aria-busy={answer.loading}>
      <header className="row">
        <h2>{target.kind === 'funnel' ? `Funnel of ${stage === JOURNEY_FUNNEL ? 'the journey' : stage.name}` : `${TITLE[target.kind](target)} ${touchpoint!.name}`}</h2>
        <span className="spacer" />
        {answer.data && !answer.loading && (
          <button type="button" className="link" onClick={() => downloadCsv(answer.data!.result, clock, target, subject)}>
            Download CSV
          </button>
        )}
      </header>
      <p className="muted small">
        {target.kind === 'funnel'
          ? `Steps: ${steps.map((t) => selectorLabel(t.step)).join(' → ')}; ${ORDER_PHRASE[target.order]}, within ${daysLabel(target.windowDays)} of the first${target.hold ? `, each with the same ${target.hold === '$channel' ? 'channel' : `“${target.hold}”`} as the first` : ''}${target.exclude ? `; not counted when “${target.exclude}” came between the first step and the last` : ''}.`
          : DESCRIPTION[target.kind](eventsPhrase(touchpointEvents(touchpoint!)), eventsPhrase(map.goal.matcher), target)}
      </p>
      {/* A cohort just saved is named once the list of cohorts has it again: its id alone means nothing to people. */}
      {target.cohort && <p className="muted small" data-testid="analysis-cohort">{cohortName ? `Persons of the cohort “${cohortName}” only.` : 'Persons of a saved cohort only.'}</p>}
      {personaName && <p className="muted small" data-testid="analysis-persona">Persons of the persona “{personaName}” only.</p>}
      <ErrorNote error={answer.error} />
      {answer.loading && <p className="muted">Running the analysis…</p>}
      {answer.data && !answer.loading && (
        <>
          {target.kind === 'funnel' && <FunnelView result={answer.data.result as FunnelResult} labels={steps.map((t) => t.name)} split={target.breakdown && splitName(target.breakdown)} more={more} timing={{ interval, windowDays: target.windowDays, clock }} onPersons={showStepPersons} />}
          {target.kind === 'paths' && <PathsView result={answer.data.result as PathsResult} direction={target.direction} onPersons={showNodePersons} />}
          {target.kind === 'retention' && <RetentionView result={answer.data.result as RetentionResult} orLater={target.returning === 'onOrAfter'} clock={clock} onPersons={showCohortPersons} />}
          {target.kind === 'lifecycle' && <LifecycleView result={answer.data.result as LifecycleResult} clock={clock} onPersons={showStatusPersons} />}
          {target.kind === 'stickiness' && <StickinessView result={answer.data.result as StickinessResult} clock={clock} onPersons={showActivePersons} />}
          {target.kind === 'trends' && (
            <TrendsView result={answer.data.result as TrendsResult} interval={interval} clock={clock} labels={lineLabels} split={target.breakdown !== undefined} more={more} onPersons={showLinePersons} />
          )}
        </>
      )}
      <ErrorNote error={personsError} />
      {persons && <PersonsList key={persons.title} project={project.slug} title={persons.title} persons={persons.ids} count={persons.count} from={persons.from} onAnalyse={onAnalyseCohort} />}
    </section>
  );
}
