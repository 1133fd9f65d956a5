import type { JourneyPersona } from '@waymark/core';
import { useState } from 'react';
import { customRange, presetRange, rangeDays, RANGE_PRESETS, type DateRange } from './date-range.ts';

/** Persona, cohort and date range: the inputs of every number on the map and its analyses. */
export function RangePicker({ range, onChange }: { range: DateRange; onChange: (range: DateRange) => void }) {
  const days = rangeDays(range);
  const [first, setFirst] = useState(days.first);
  const [last, setLast] = useState(days.last);
  return (
    <div className="range-picker" role="group" aria-label="Date range">
      {RANGE_PRESETS.map((d) => (
        <button key={d} type="button" className={range.preset === d ? 'segmented active' : 'segmented'} aria-pressed={range.preset === d} onClick={() => onChange(presetRange(d))}>
          {d} days
        </button>
      ))}
      <details className="custom-range">
        <summary className={range.preset === 'custom' ? 'segmented active' : 'segmented'}>{range.preset === 'custom' ? `${days.first} – ${days.last}` : 'Custom'}</summary>
        <form
          className="popover"
          onSubmit={(e) => {
            e.preventDefault();
            const custom = customRange(first, last);
            if (custom) onChange(custom);
          }}
        >
          <label>
            From <input type="date" value={first} onChange={(e) => setFirst(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={last} onChange={(e) => setLast(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!customRange(first, last)}>
            Apply
          </button>
        </form>
      </details>
    </div>
  );
}

/** Everyone, or only the persons of a saved cohort; shown once the project has a cohort. */
export function CohortPicker({ cohorts, value, onChange }: { cohorts: readonly { id: string; name: string }[]; value: string; onChange: (cohort: string) => void }) {
  if (cohorts.length === 0) return null;
  return (
    <label className="inline-field">
      <span className="muted small">Cohort</span>
      <select aria-label="Cohort" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Everyone</option>
        {cohorts.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PersonaPicker({ personas, value, onChange }: { personas: readonly JourneyPersona[]; value: string; onChange: (persona: string) => void }) {
  return (
    <label className="inline-field">
      <span className="muted small">Persona</span>
      <select aria-label="Persona" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Everyone</option>
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
