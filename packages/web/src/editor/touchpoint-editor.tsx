import { KNOWN_CHANNELS, KPI_METRICS, type EventMatcher, type JourneyKpi, type JourneyTouchpoint, type KpiMetric } from '@waymark/core';
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { formatCount } from '../map/format.ts';
import type { DateRange } from '../map/date-range.ts';
import { Dialog } from '../shell/dialog.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAsync, useDebounced } from '../shell/use-async.ts';
import { newId } from './map-edits.ts';
import { MatcherPicker } from './matcher-picker.tsx';
import { Icon } from '../shell/icons.tsx';

export type TouchpointInput = Omit<JourneyTouchpoint, 'id' | 'stageId'>;

/** Matchers that can be counted: every one names an event and every condition a property. */
const complete = (matchers: readonly EventMatcher[]) => matchers.length > 0 && matchers.every((m) => m.event.trim() && (m.where ?? []).every((c) => c.property.trim()));

/** Adds or edits a touchpoint: what it is, who owns it, which events it is, and its KPIs. */
export function TouchpointEditor({ project, range, touchpoint, onSave, onCancel }: { project: string; range: DateRange; touchpoint?: JourneyTouchpoint | undefined; onSave: (t: TouchpointInput) => void; onCancel: () => void }) {
  const [name, setName] = useState(touchpoint?.name ?? '');
  const [channel, setChannel] = useState(touchpoint?.channel ?? 'web');
  const [owner, setOwner] = useState(touchpoint?.owner ?? '');
  const [description, setDescription] = useState(touchpoint?.description ?? '');
  const [moment, setMoment] = useState(touchpoint?.momentOfTruth ?? false);
  const [matchers, setMatchers] = useState<EventMatcher[]>(touchpoint ? [...touchpoint.matchers] : [{ event: '' }]);
  const [kpis, setKpis] = useState<JourneyKpi[]>(touchpoint ? [...touchpoint.kpis] : []);

  // The live count follows the typing, a moment after it stops.
  const settled = useDebounced(JSON.stringify(matchers), 400);
  const count = useAsync(() => {
    const parsed = JSON.parse(settled) as EventMatcher[];
    return complete(parsed) ? api.matcherCount(project, parsed, range.from, range.to) : Promise.resolve(null);
  }, [project, settled, range.from, range.to]);
  const channels = useMemo(() => [...new Set([...KNOWN_CHANNELS, channel])], [channel]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave({
      name: name.trim(),
      channel,
      ...(owner.trim() && { owner: owner.trim() }),
      ...(description.trim() && { description: description.trim() }),
      matchers,
      kpis,
      momentOfTruth: moment,
    });
  }

  const setKpi = (i: number, patch: Partial<JourneyKpi>) => setKpis(kpis.map((k, j) => (j === i ? { ...k, ...patch } : k)));

  return (
    <Dialog title={touchpoint ? `Edit ${touchpoint.name}` : 'Add a touchpoint'} onClose={onCancel} wide>
      <form className="editor-form" onSubmit={submit}>
        <div className="form-grid">
          <label>
            Name
            <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Channel
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Owner
            <input maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="Team or person" />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={moment} onChange={(e) => setMoment(e.target.checked)} /> Moment of truth
          </label>
        </div>
        <label>
          Description
          <textarea rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <h3>Events</h3>
        <p className="muted small">The touchpoint counts a person when they do any of these events.</p>
        {matchers.map((m, i) => (
          <MatcherPicker
            key={i}
            project={project}
            matcher={m}
            onChange={(next) => setMatchers(matchers.map((x, j) => (j === i ? next : x)))}
            onRemove={matchers.length > 1 ? () => setMatchers(matchers.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <div className="row">
          <button type="button" className="link" onClick={() => setMatchers([...matchers, { event: '' }])}>
            + another event
          </button>
          <output className="match-count" aria-live="polite" data-testid="match-count">
            {count.loading ? 'Counting…' : count.data ? `${formatCount(count.data.events)} events · ${formatCount(count.data.persons)} persons match` : 'Name an event to see how many match'}
          </output>
        </div>
        <ErrorNote error={count.error} />
        <h3>KPIs</h3>
        {kpis.map((kpi, i) => (
          <div className="kpi-row" key={i}>
            <input aria-label="KPI name" required value={kpi.name} onChange={(e) => setKpi(i, { name: e.target.value })} />
            <select aria-label="Metric" value={kpi.metric} onChange={(e) => setKpi(i, { metric: e.target.value as KpiMetric })}>
              {KPI_METRICS.map((m) => (
                <option key={m} value={m}>
                  {m.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <select aria-label="Direction" value={kpi.direction} onChange={(e) => setKpi(i, { direction: e.target.value as JourneyKpi['direction'] })}>
              <option value="higher_is_better">at least</option>
              <option value="lower_is_better">at most</option>
            </select>
            <input aria-label="Target" type="number" step="any" required value={kpi.target} onChange={(e) => setKpi(i, { target: Number(e.target.value) })} />
            <input aria-label="Unit" placeholder="unit" maxLength={20} value={kpi.unit ?? ''} onChange={(e) => setKpi(i, e.target.value ? { unit: e.target.value } : { unit: undefined })} />
            <button type="button" className="icon-button danger" onClick={() => setKpis(kpis.filter((_, j) => j !== i))} aria-label={`Remove KPI ${kpi.name}`}>
              <Icon name="close" />
            </button>
          </div>
        ))}
        <button
          type="button"
          className="link"
          onClick={() => setKpis([...kpis, { id: newId('kpi', kpis.map((k) => k.id)), name: 'Conversion to next', metric: 'conversion_rate', target: 0.5, direction: 'higher_is_better' }])}
        >
          + KPI
        </button>
        <footer className="panel-footer">
          <button type="submit" className="primary" disabled={!name.trim() || !complete(matchers)}>
            {touchpoint ? 'Apply' : 'Add touchpoint'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <span className="muted small">Changes are kept in the draft until you save the map.</span>
        </footer>
      </form>
    </Dialog>
  );
}
