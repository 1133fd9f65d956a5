import type { ConditionOp, EventMatcher, PropertyCondition } from '@waymark/core';
import { useId } from 'react';
import { api } from '../api/client.ts';
import type { PropertySuggestion } from '../api/types.ts';
import { useAsync, useDebounced } from '../shell/use-async.ts';
import { conditionText, parseConditionValue } from './condition-value.ts';
import { Icon } from '../shell/icons.tsx';

const OPS: readonly ConditionOp[] = ['eq', 'neq', 'in', 'not_in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'];
const OP_LABEL: Record<ConditionOp, string> = {
  eq: 'is', neq: 'is not', in: 'is one of', not_in: 'is none of', contains: 'contains', gt: '>', gte: '≥', lt: '<', lte: '≤', exists: 'is set', not_exists: 'is not set',
};

/**
 * One event matcher: the event name with suggestions of names seen in the data, and property
 * conditions with suggestions of the properties and values those events carry.
 */
export function MatcherPicker({ project, matcher, onChange, onRemove }: { project: string; matcher: EventMatcher; onChange: (m: EventMatcher) => void; onRemove?: (() => void) | undefined }) {
  const id = useId();
  const typed = useDebounced(matcher.event, 250);
  const names = useAsync(() => api.eventNames(project, typed), [project, typed]);
  const properties = useAsync(typed ? () => api.eventProperties(project, typed, '') : null, [project, typed]);
  const where = matcher.where ?? [];
  const setWhere = (next: PropertyCondition[]) => onChange(next.length ? { event: matcher.event, where: next } : { event: matcher.event });
  const update = (i: number, patch: Partial<PropertyCondition>) => setWhere(where.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <fieldset className="matcher">
      <legend className="sr-only">Event matcher</legend>
      <label>
        Event
        <input
          list={`${id}-events`}
          value={matcher.event}
          onChange={(e) => onChange({ ...matcher, event: e.target.value })}
          placeholder="e.g. Order Completed, $page"
          aria-label="Event name"
          required
        />
      </label>
      <datalist id={`${id}-events`}>
        {names.data?.events.map((e) => (
          <option key={e.event} value={e.event}>
            {e.count.toLocaleString('en-US')} events
          </option>
        ))}
      </datalist>
      {where.map((condition, i) => (
        <div className="condition" key={i}>
          <ConditionFields condition={condition} suggestions={properties.data?.properties} onChange={(c) => update(i, c)} />
          <button type="button" className="icon-button danger" onClick={() => setWhere(where.filter((_, j) => j !== i))} aria-label="Remove condition">
            <Icon name="close" />
          </button>
        </div>
      ))}
      <div className="row">
        <button type="button" className="link" onClick={() => setWhere([...where, { property: '', op: 'eq', value: '' }])}>
          + condition
        </button>
        {onRemove && (
          <button type="button" className="link danger" onClick={onRemove}>
            Remove this event
          </button>
        )}
      </div>
    </fieldset>
  );
}

/**
 * One property condition: the property, the operator and the value, with the properties in
 * `suggestions` offered (and, once one is picked, the values it holds). `propertyLabel` names
 * the property box: "Property" of an event, "Trait" of a person.
 */
export function ConditionFields({ condition, suggestions, onChange, propertyLabel = 'Property', placeholder = 'property' }: {
  condition: PropertyCondition; suggestions: readonly PropertySuggestion[] | undefined; onChange: (c: PropertyCondition) => void; propertyLabel?: string; placeholder?: string;
}) {
  const id = useId();
  const known = suggestions?.find((p) => p.property === condition.property);
  const { op } = condition;
  return (
    <>
      <input list={`${id}-props`} aria-label={propertyLabel} value={condition.property} onChange={(e) => onChange({ ...condition, property: e.target.value })} placeholder={placeholder} />
      <datalist id={`${id}-props`}>
        {suggestions?.map((p) => (
          <option key={p.property} value={p.property}>
            {p.count.toLocaleString('en-US')}
          </option>
        ))}
      </datalist>
      <select aria-label="Operator" value={op} onChange={(e) => onChange({ ...condition, op: e.target.value as ConditionOp, value: parseConditionValue(e.target.value as ConditionOp, conditionText(condition.value)) })}>
        {OPS.map((o) => (
          <option key={o} value={o}>
            {OP_LABEL[o]}
          </option>
        ))}
      </select>
      {op !== 'exists' && op !== 'not_exists' && (
        <input list={`${id}-values`} aria-label="Value" value={conditionText(condition.value)} onChange={(e) => onChange({ ...condition, value: parseConditionValue(op, e.target.value) })} placeholder="value" />
      )}
      <datalist id={`${id}-values`}>
        {known?.values.map((v) => (
          <option key={String(v.value)} value={conditionText(v.value)}>
            {v.count.toLocaleString('en-US')}
          </option>
        ))}
      </datalist>
    </>
  );
}
