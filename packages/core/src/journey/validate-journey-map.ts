import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { WaymarkError } from '../errors/waymark-error.ts';
import { JourneyMap, listProblem, type PersonaCondition, type PropertyCondition } from './journey-map.schema.ts';

export type ValidateJourneyMapResult =
  | { readonly kind: 'ok'; readonly map: JourneyMap }
  | { readonly kind: 'error'; readonly error: WaymarkError };

export interface ValidateJourneyMapOptions {
  /** Prefix for error paths, e.g. `body` gives `body.stages[2].name`. */
  readonly path?: string;
}

/**
 * Checks a journey map: its shape against the `JourneyMap` schema, then what a schema cannot
 * say (condition values that fit their operator, ids unique, every card and touchpoint in an
 * existing stage). The first problem found is reported with the path of the bad field.
 *
 * @example
 * const r = validateJourneyMap(JSON.parse(body));
 * if (r.kind === 'error') reply.code(400).send(r.error.toBody()); // path: "stages[2].touchpoints[0].matchers[0].event"
 */
export function validateJourneyMap(input: unknown, options: ValidateJourneyMapOptions = {}): ValidateJourneyMapResult {
  const prefix = options.path ?? '';
  const fail = (path: string, message: string): ValidateJourneyMapResult => {
    const full = prefix && path ? `${prefix}.${path}` : prefix || path;
    return { kind: 'error', error: new WaymarkError('WM_JOURNEY_INVALID', full || null, full ? `${full}: ${message}` : message) };
  };

  if (!Value.Check(JourneyMap, input)) {
    const first = Value.Errors(JourneyMap, input).First();
    if (first === undefined) return fail('', 'the journey map is invalid');
    return fail(pointerToPath(first.path), describe(first));
  }
  const map = input;
  const problem = checkSemantics(map);
  return problem === null ? { kind: 'ok', map } : fail(problem.path, problem.message);
}

interface Problem {
  readonly path: string;
  readonly message: string;
}

function checkSemantics(map: JourneyMap): Problem | null {
  const conditions = (list: readonly (PropertyCondition | PersonaCondition)[] | undefined, at: string): Problem | null => {
    if (list === undefined) return null;
    for (let i = 0; i < list.length; i++) {
      const problem = checkCondition(list[i]!, `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
  const duplicate = (seen: Set<string>, id: string, path: string, what: string): Problem | null => {
    if (seen.has(id)) return { path, message: `duplicate ${what} id "${id}"` };
    seen.add(id);
    return null;
  };

  let problem = conditions(map.goal.matcher.where, 'goal.matcher.where');
  if (problem) return problem;

  const personaIds = new Set<string>();
  for (const [i, persona] of map.personas.entries()) {
    problem =
      duplicate(personaIds, persona.id, `personas[${i}].id`, 'persona') ??
      conditions(persona.segment.all, `personas[${i}].segment.all`) ??
      conditions(persona.segment.any, `personas[${i}].segment.any`);
    if (problem) return problem;
  }

  const stageIds = new Set<string>();
  const touchpointIds = new Set<string>();
  for (const [s, stage] of map.stages.entries()) {
    problem = duplicate(stageIds, stage.id, `stages[${s}].id`, 'stage');
    if (problem) return problem;
    for (const [t, touchpoint] of stage.touchpoints.entries()) {
      const at = `stages[${s}].touchpoints[${t}]`;
      problem = duplicate(touchpointIds, touchpoint.id, `${at}.id`, 'touchpoint');
      if (problem) return problem;
      if (touchpoint.stageId !== stage.id) {
        return { path: `${at}.stageId`, message: `must be the id of the stage it is in ("${stage.id}"), not "${touchpoint.stageId}"` };
      }
      for (const [m, matcher] of touchpoint.matchers.entries()) {
        problem = conditions(matcher.where, `${at}.matchers[${m}].where`);
        if (problem) return problem;
      }
      const kpiIds = new Set<string>();
      for (const [k, kpi] of touchpoint.kpis.entries()) {
        problem = duplicate(kpiIds, kpi.id, `${at}.kpis[${k}].id`, 'KPI');
        if (problem) return problem;
      }
    }
  }

  const cardIds = new Set<string>();
  for (const [i, card] of map.lanes.entries()) {
    problem = duplicate(cardIds, card.id, `lanes[${i}].id`, 'lane card');
    if (problem) return problem;
    if (!stageIds.has(card.stageId)) return { path: `lanes[${i}].stageId`, message: `no stage has the id "${card.stageId}"` };
    if (card.lane === 'emotions' && card.emotion === undefined) {
      return { path: `lanes[${i}].emotion`, message: 'an emotions card needs an emotion from -2 to 2' };
    }
    if (card.lane !== 'emotions' && card.emotion !== undefined) {
      return { path: `lanes[${i}].emotion`, message: `only emotions cards carry an emotion (this card is on the ${card.lane} lane)` };
    }
  }
  return null;
}

function checkCondition(condition: PropertyCondition | PersonaCondition, at: string): Problem | null {
  const { op, value } = condition;
  const has = 'value' in condition && value !== undefined;
  switch (op) {
    case 'exists':
    case 'not_exists':
      return has ? { path: `${at}.value`, message: `"${op}" takes no value` } : null;
    case 'in':
    case 'not_in': {
      const problem = listProblem(op, value);
      return problem && { path: `${at}.value${problem.at}`, message: problem.message };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' || typeof value === 'string'
        ? null
        : { path: `${at}.value`, message: `"${op}" needs a number or an ISO date string` };
    case 'contains':
      return typeof value === 'string' || typeof value === 'number' ? null : { path: `${at}.value`, message: '"contains" needs a string' };
    case 'eq':
    case 'neq':
      return has && (value === null || typeof value !== 'object')
        ? null
        : { path: `${at}.value`, message: `"${op}" needs a string, number, boolean or null` };
  }
}

/** `/stages/2/touchpoints/0/name` -> `stages[2].touchpoints[0].name`. */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

function describe(error: ValueError): string {
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a known field';
    case ValueErrorType.Union: {
      const options = (error.schema.anyOf as { const?: unknown }[] | undefined)?.map((s) => s.const);
      if (options && options.every((o) => typeof o === 'string')) return `must be one of ${options.join(', ')}`;
      return error.message;
    }
    case ValueErrorType.StringPattern:
      return `must be ${error.schema.description}`;
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}
