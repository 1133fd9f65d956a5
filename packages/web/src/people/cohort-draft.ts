import type { EventMatcher, PropertyCondition, SegmentCondition } from '@waymark/core';
import type { SegmentGroups } from '../api/client.ts';
import { conditionText } from '../editor/condition-value.ts';

/**
 * A cohort being built from conditions: persons who did an event (at least n times, within the
 * last d days), who did not, or who have a trait. Every rule keeps all its fields, so switching
 * its kind keeps what was typed.
 */
export type RuleKind = 'did' | 'did_not' | 'trait';
export interface DraftRule {
  readonly kind: RuleKind;
  readonly matcher: EventMatcher;
  /** At least this many times, and at most (null: no limit) (did). */
  readonly min: number;
  readonly max: number | null;
  /** Within the last this many days; null: ever. */
  readonly withinDays: number | null;
  readonly condition: PropertyCondition;
}
/** Whether a person needs every positive rule or one of them; "did not" rules always apply. */
export type RuleMatch = 'all' | 'any';
export interface CohortRules {
  readonly match: RuleMatch;
  readonly rules: readonly DraftRule[];
}

export const newRule = (kind: RuleKind): DraftRule => ({ kind, matcher: { event: '' }, min: 1, max: null, withinDays: 30, condition: { property: '', op: 'eq', value: '' } });

type Group = keyof SegmentGroups;
const groupOf = (rule: DraftRule, match: RuleMatch): Group => (rule.kind === 'did_not' ? 'none' : match);

function condition(rule: DraftRule): SegmentCondition {
  if (rule.kind === 'trait') return { type: 'trait', condition: rule.condition };
  const within = rule.withinDays === null ? {} : { withinDays: rule.withinDays };
  if (rule.kind === 'did_not') return { type: 'behavior', matcher: rule.matcher, ...within };
  return { type: 'behavior', matcher: rule.matcher, min: rule.min, ...(rule.max !== null && { max: rule.max }), ...within };
}

/** The rules as a segment's condition groups (`all`, `any`, `none`), as cohorts and segment specs take them; empty groups left out. */
export function segmentGroups(match: RuleMatch, rules: readonly DraftRule[]): SegmentGroups {
  const groups: Partial<Record<Group, SegmentCondition[]>> = {};
  for (const rule of rules) (groups[groupOf(rule, match)] ??= []).push(condition(rule));
  return groups;
}

/**
 * The rules of a saved segment, to edit it; null when the builder cannot show it (written
 * through the API: both `all` and `any`, an event matched by any of several, or counts on a
 * "did not do").
 */
export function draftOf(groups: SegmentGroups): CohortRules | null {
  if (groups.all?.length && groups.any?.length) return null;
  const match: RuleMatch = groups.any?.length ? 'any' : 'all';
  const rules: DraftRule[] = [];
  for (const [group, conditions] of [[match, groups[match]], ['none', groups.none]] as const) {
    for (const c of conditions ?? []) {
      if (c.type === 'trait') {
        if (group === 'none') return null;
        rules.push({ ...newRule('trait'), condition: c.condition });
        continue;
      }
      if ('anyOf' in c.matcher || (group === 'none' && ((c.min ?? 1) !== 1 || c.max !== undefined))) return null;
      rules.push({ ...newRule(group === 'none' ? 'did_not' : 'did'), matcher: c.matcher, min: c.min ?? 1, max: c.max ?? null, withinDays: c.withinDays ?? null });
    }
  }
  return { match, rules };
}

/** The rule an error's field names (`any[1].matcher.event`: the second rule of the `any` group), or -1. */
export function ruleAt(match: RuleMatch, rules: readonly DraftRule[], path: string | null | undefined): number {
  const named = /^(all|any|none)\[(\d+)\]/.exec(path ?? '');
  if (!named) return -1;
  const inGroup = rules.flatMap((rule, i) => (groupOf(rule, match) === named[1] ? [i] : []));
  return inGroup[Number(named[2])] ?? -1;
}

const OP_WORDS: Record<PropertyCondition['op'], string> = {
  eq: '=', neq: '≠', in: 'in', not_in: 'not in', contains: 'contains', gt: '>', gte: '≥', lt: '<', lte: '≤', exists: 'set', not_exists: 'not set',
};
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

function describe(c: SegmentCondition, not: boolean): string {
  if (c.type === 'trait') {
    const { property, op, value } = c.condition;
    return op === 'exists' || op === 'not_exists' ? `${property} ${OP_WORDS[op]}` : `${property} ${OP_WORDS[op]} ${conditionText(value)}`;
  }
  const event = 'anyOf' in c.matcher ? c.matcher.anyOf.map((m) => m.event).join(' or ') : c.matcher.event;
  const where = 'anyOf' in c.matcher ? [] : (c.matcher.where ?? []).map((w) => describe({ type: 'trait', condition: w }, false));
  const within = c.withinDays ? ` in the last ${c.withinDays} days` : '';
  const min = c.min ?? 1;
  const count = not ? '' : c.max === undefined ? (min === 1 ? '' : ` at least ${times(min)}`) : c.max === min ? ` exactly ${times(min)}` : ` ${min} to ${c.max} times`;
  return `${not ? 'did not do' : 'did'} ${event}${where.length ? ` (${where.join(', ')})` : ''}${count}${within}`;
}

/** A saved cohort's conditions in words: "did Product Viewed at least 2 times in the last 30 days, and country = DE; and did not do Order Completed". */
export function describeSegment(groups: SegmentGroups): string {
  const parts = [
    groups.all?.length ? groups.all.map((c) => describe(c, false)).join(', and ') : '',
    groups.any?.length ? `${groups.any.length > 1 ? 'any of: ' : ''}${groups.any.map((c) => describe(c, false)).join(', or ')}` : '',
    groups.none?.length ? groups.none.map((c) => describe(c, true)).join(', and ') : '',
  ];
  return parts.filter(Boolean).join('; and ');
}
