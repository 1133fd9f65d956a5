import type { PropertyCondition } from '@waymark/core';
import { useState } from 'react';
import { api, ApiError, type SavedCohort } from '../api/client.ts';
import { ConditionFields, MatcherPicker } from '../editor/matcher-picker.tsx';
import { formatCount } from '../map/format.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { Icon } from '../shell/icons.tsx';
import { useAction } from '../shell/use-action.ts';
import { useAsync } from '../shell/use-async.ts';
import { newRule, ruleAt, segmentGroups, type CohortRules, type DraftRule, type RuleKind, type RuleMatch } from './cohort-draft.ts';

const KIND_LABEL: Record<RuleKind, string> = { did: 'Did', did_not: 'Did not do', trait: 'Has trait' };

/**
 * A cohort from conditions: what persons did (at least n times, in the last d days), did not do,
 * or are (their traits). "Count" says how many match now; saved, the cohort is evaluated each
 * time an analysis names it. Given a saved cohort (`editing`, with its rules), it redefines that one.
 */
export function CohortBuilder({ project, editing, onSaved, onCancel }: {
  project: string; editing?: { cohort: SavedCohort; draft: CohortRules } | undefined; onSaved: () => void; onCancel?: () => void;
}) {
  const [name, setName] = useState(editing?.cohort.name ?? '');
  const [match, setMatch] = useState<RuleMatch>(editing?.draft.match ?? 'all');
  const [rules, setRules] = useState<readonly DraftRule[]>(editing?.draft.rules ?? [newRule('did')]);
  const [count, setCount] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  const edit = (next: readonly DraftRule[]) => {
    setRules(next);
    setCount(null);
  };
  const update = (i: number, patch: Partial<DraftRule>) => edit(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const invalid = error instanceof ApiError ? ruleAt(match, rules, error.path) : -1;

  const countNow = () =>
    run(async () => {
      const answer = await api.query<{ count: number }>(project, { kind: 'segment', ...segmentGroups(match, rules), asOf: new Date().toISOString(), limit: 0 });
      setCount(answer.result.count);
    });
  const save = () =>
    run(async () => {
      if (editing) await api.updateCohort(project, editing.cohort.id, name.trim(), segmentGroups(match, rules));
      else await api.saveCohort(project, name.trim(), segmentGroups(match, rules));
      setName('');
      edit([newRule('did')]);
      onSaved();
    });

  return (
    <form
      className="cohort-builder"
      data-testid="cohort-builder"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="inline-field">
        <span className="muted small">Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Cohort name" placeholder="e.g. Browsers who never bought" maxLength={200} size={40} />
      </label>
      <label className="inline-field">
        <span>Persons who match</span>
        <select
          aria-label="Match"
          value={match}
          onChange={(e) => {
            setMatch(e.target.value as RuleMatch);
            setCount(null);
          }}
        >
          <option value="all">all</option>
          <option value="any">any</option>
        </select>
        <span>of these (and none of the “did not do”):</span>
      </label>
      {rules.map((rule, i) => (
        <div className="cohort-rule" key={i} data-rule={i} aria-invalid={i === invalid || undefined}>
          <select aria-label="Condition" value={rule.kind} onChange={(e) => update(i, { kind: e.target.value as RuleKind })}>
            {(Object.keys(KIND_LABEL) as RuleKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABEL[kind]}
              </option>
            ))}
          </select>
          {rule.kind === 'trait' ? (
            <TraitFields project={project} condition={rule.condition} onChange={(condition) => update(i, { condition })} />
          ) : (
            <>
              <MatcherPicker project={project} matcher={rule.matcher} onChange={(matcher) => update(i, { matcher })} />
              {rule.kind === 'did' && (
                <label className="inline-field">
                  at least
                  <input type="number" aria-label="At least" min={1} value={rule.min} onChange={(e) => update(i, { min: Math.max(1, Math.floor(Number(e.target.value)) || 1) })} style={{ width: 64 }} />
                  and at most
                  <input type="number" aria-label="At most" min={1} placeholder="any" value={rule.max ?? ''} onChange={(e) => update(i, { max: e.target.value === '' ? null : Math.floor(Number(e.target.value)) })} style={{ width: 64 }} />
                  times
                </label>
              )}
              <label className="inline-field">
                in the last
                <input
                  type="number"
                  aria-label="Days"
                  min={1}
                  max={3650}
                  placeholder="ever"
                  value={rule.withinDays ?? ''}
                  onChange={(e) => update(i, { withinDays: e.target.value === '' ? null : Math.floor(Number(e.target.value)) })}
                  style={{ width: 72 }}
                />
                days
              </label>
            </>
          )}
          {rules.length > 1 && (
            <button type="button" className="icon-button danger" onClick={() => edit(rules.filter((_, j) => j !== i))} aria-label="Remove condition">
              <Icon name="close" />
            </button>
          )}
        </div>
      ))}
      <div className="row">
        {(Object.keys(KIND_LABEL) as RuleKind[]).map((kind) => (
          <button key={kind} type="button" className="link" onClick={() => edit([...rules, newRule(kind)])}>
            + {KIND_LABEL[kind].toLowerCase()}
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void countNow()}>
          Count persons
        </button>
        {count !== null && <span data-testid="cohort-count">{formatCount(count)} persons match now</span>}
        <button type="submit" disabled={busy}>
          {editing ? 'Save changes' : 'Save cohort'}
        </button>
        {onCancel && (
          <button type="button" className="link" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A person trait condition, with the traits and values persons were identified with as suggestions. */
function TraitFields({ project, condition, onChange }: { project: string; condition: PropertyCondition; onChange: (c: PropertyCondition) => void }) {
  // Traits arrive on identify calls: their properties are the traits.
  const traits = useAsync(() => api.eventProperties(project, '$identify', ''), [project]);
  return (
    <span className="condition">
      <ConditionFields condition={condition} suggestions={traits.data?.properties} onChange={onChange} propertyLabel="Trait" placeholder="trait, e.g. country" />
    </span>
  );
}
