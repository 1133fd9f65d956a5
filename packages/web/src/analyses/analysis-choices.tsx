import { selectorMatchers, type EventSelector, type Interval } from '@waymark/core';
import { api } from '../api/client.ts';
import { useAsync } from '../shell/use-async.ts';
import { MEASURE_NAME, PROPERTY_MEASURES, propertySplit, splitProperty, type AnalysisSplit, type TrendsMeasure } from './analysis-specs.ts';
import { propertyChoices, type PropertyChoice } from './property-choices.ts';

/** A captioned select of the toolbar; `label` names it for assistive technology when the caption is not its name. */
export function Choice({ caption, label, value, options, onChange }: { caption: string; label?: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void }) {
  return (
    <label className="inline-field">
      <span className="muted small">{caption}</span>
      <select aria-label={label ?? caption} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const NO_CHOICES: readonly PropertyChoice[] = [];

/** The properties of a selector's events, counted over all of them, as the binding picker suggests them. */
function useProperties(project: string, events: EventSelector): readonly PropertyChoice[] {
  const names = [...new Set(selectorMatchers(events).map((m) => m.event))];
  const found = useAsync(() => api.eventProperties(project, names, ''), [project, names.join('\n')]);
  return found.data ? propertyChoices(found.data.properties) : NO_CHOICES;
}

/** What is offered, and what was picked (from the address) though no longer offered, each once. */
const keepPicked = <T extends string>(offered: readonly T[], picked: T | undefined): T[] => [...new Set([...offered, ...(picked ? [picked] : [])])];

/** "Split by": nothing, the channel, or a property of `events` (a funnel's: of its first step). A split no longer offered stays listed. */
export function SplitChoice({ project, events, value, channel, onChange }: { project: string; events: EventSelector; value: AnalysisSplit | undefined; channel: string; onChange: (split: AnalysisSplit | undefined) => void }) {
  const properties = useProperties(project, events);
  const offered = properties.map((p) => propertySplit(p.property));
  const options: [string, string][] = [['', 'Nothing'], ['channel', channel], ...keepPicked(offered, value === 'channel' ? undefined : value).map((s): [string, string] => [s, `“${splitProperty(s)}”`])];
  return <Choice caption="Split by" value={value ?? ''} options={options} onChange={(v) => onChange(v === '' ? undefined : (v as AnalysisSplit))} />;
}

/** "Same": a property every step of a funnel must share with its first (`?hold=checkout_id`), from the properties of `events`, its first step's. */
export function HoldChoice({ project, events, value, onChange }: { project: string; events: EventSelector; value: string | undefined; onChange: (property: string | undefined) => void }) {
  const properties = useProperties(project, events).map((p) => p.property);
  const options = keepPicked(properties, value === '$channel' ? undefined : value).map((p): [string, string] => [p, `“${p}”`]);
  return <Choice caption="Same" label="Hold constant" value={value ?? ''} options={[['', 'Nothing held'], ['$channel', 'Channel'], ...options]} onChange={(v) => onChange(v || undefined)} />;
}

/** "Excluding": an event that voids an attempt when it comes between the funnel's first and last steps (`?exclude=Coupon Denied`), from the project's most frequent events. */
export function ExcludeChoice({ project, value, onChange }: { project: string; value: string | undefined; onChange: (event: string | undefined) => void }) {
  const names = useAsync(() => api.eventNames(project, ''), [project]);
  const events = keepPicked(names.data?.events.map((e) => e.event) ?? [], value);
  return <Choice caption="Excluding" value={value ?? ''} options={[['', 'Nothing'], ...events.map((e): [string, string] => [e, `“${e}” in between`])]} onChange={(v) => onChange(v || undefined)} />;
}

const INTERVAL_NAME: Record<Interval, string> = { hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' };

/** The periods an analysis counts in (`?interval=`), among those it allows. */
export function IntervalChoice({ value, options, onChange }: { value: Interval; options: readonly Interval[]; onChange: (interval: Interval) => void }) {
  return <Choice caption="Per" label="Interval" value={value} options={options.map((i) => [i, INTERVAL_NAME[i]] as const)} onChange={(v) => onChange(v as Interval)} />;
}

/** Trends' measure: persons and events, or a measure of a numeric property of `events` (`?measure=avg:price`). */
export function MeasureChoice({ project, events, value, onChange }: { project: string; events: EventSelector; value: TrendsMeasure | undefined; onChange: (measure: TrendsMeasure | undefined) => void }) {
  const numeric = useProperties(project, events)
    .filter((p) => p.numeric)
    .map((p) => p.property);
  const of = keepPicked(numeric, value?.property);
  if (of.length === 0) return null;
  return (
    <>
      <Choice
        caption="Measure"
        value={value?.measure ?? ''}
        options={[['', 'Persons and events'], ...PROPERTY_MEASURES.map((m): [string, string] => [m, MEASURE_NAME[m][0]!.toUpperCase() + MEASURE_NAME[m].slice(1)])]}
        onChange={(m) => onChange(m === '' ? undefined : { measure: m as TrendsMeasure['measure'], property: value?.property ?? of[0]! })}
      />
      {value && <Choice caption="of" label="Property" value={value.property} options={of.map((p) => [p, p] as const)} onChange={(property) => onChange({ ...value, property })} />}
    </>
  );
}
