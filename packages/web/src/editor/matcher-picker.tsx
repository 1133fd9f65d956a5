import type { ConditionOp, EventMatcher, PropertyCondition } from '@waymark/core';
import { useId } from 'react';
import { api } from '../api/client.ts';
import { useAsync, useDebounced } from '../shell/use-async.ts';
import { conditionText, parseConditionValue } from './condition-value.ts';
import { Icon } from '../shell/icons.tsx';

export const OPS: readonly ConditionOp[] = ['eq', 'neq', 'in', 'not_in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'];
export const OP_LABEL: Record<ConditionOp, string> = {
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
      {where.map((condition, i) => {
        const known = properties.data?.properties.find((p) => p.property === condition.property);
        return (
          <div className="condition" key={i}>
            <input list={`${id}-props`} aria-label="Property" value={condition.property} onChange={(e) => update(i, { property: e.target.value })} placeholder="property" />
            <select aria-label="Operator" value={condition.op} onChange={(e) => update(i, { op: e.target.value as ConditionOp, value: parseConditionValue(e.target.value as ConditionOp, conditionText(condition.value)) })}>
              {OPS.map((op) => (
                <option key={op} value={op}>
                  {OP_LABEL[op]}
                </option>
              ))}
            </select>
            {condition.op !== 'exists' && condition.op !== 'not_exists' && (
              <input
                list={`${id}-values-${i}`}
                aria-label="Value"
                value={conditionText(condition.value)}
                onChange={(e) => update(i, { value: parseConditionValue(condition.op, e.target.value) })}
                placeholder="value"
              />
            )}
            <datalist id={`${id}-values-${i}`}>
              {known?.values.map((v) => (
                <option key={String(v.value)} value={conditionText(v.value)}>
                  {v.count.toLocaleString('en-US')}
                </option>
              ))}
            </datalist>
            <button type="button" className="icon-button danger" onClick={() => setWhere(where.filter((_, j) => j !== i))} aria-label="Remove condition">
              <Icon name="close" />
            </button>
          </div>
        );
      })}
      <datalist id={`${id}-props`}>
        {properties.data?.properties.map((p) => (
          <option key={p.property} value={p.property}>
            {p.count.toLocaleString('en-US')}
          </option>
        ))}
      </datalist>
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
