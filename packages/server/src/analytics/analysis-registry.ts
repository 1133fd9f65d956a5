import {
  compileFunnel,
  compileLifecycle,
  compileMetric,
  compilePaths,
  compileRetention,
  compileStickiness,
  validateFunnelSpec,
  validateLifecycleSpec,
  validateRetentionSpec,
  validateStickinessSpec,
  compileSegment,
  compileTrends,
  validateMetricSpec,
  validatePathsSpec,
  validateSegmentSpec,
  validateTrendsSpec,
  WaymarkError,
  type CompiledAnalysis,
  type SqlDialect,
} from '@waymark/core';

/** An analysis the query API knows: how to check its spec and compile it for a dialect. */
interface Analysis {
  validate(input: unknown): { kind: 'ok'; spec: unknown } | { kind: 'error'; error: WaymarkError };
  compile(d: SqlDialect, spec: never, projectId: string, timeZone: string): CompiledAnalysis<unknown>;
}

/** Every analysis, by the `kind` of its spec. */
export const ANALYSES: Readonly<Record<string, Analysis>> = {
  trends: { validate: validateTrendsSpec, compile: compileTrends },
  segment: { validate: validateSegmentSpec, compile: compileSegment },
  funnel: { validate: validateFunnelSpec, compile: compileFunnel },
  metric: { validate: validateMetricSpec, compile: compileMetric },
  paths: { validate: validatePathsSpec, compile: compilePaths },
  retention: { validate: validateRetentionSpec, compile: compileRetention },
  lifecycle: { validate: validateLifecycleSpec, compile: compileLifecycle },
  stickiness: { validate: validateStickinessSpec, compile: compileStickiness },
};

/** Checks a spec of any kind, naming the bad field. */
export function parseSpec(input: unknown): { kind: string; spec: unknown } {
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  // Own keys only: "__proto__" or "toString" is no analysis.
  const analysis = typeof kind === 'string' && Object.hasOwn(ANALYSES, kind) ? ANALYSES[kind] : undefined;
  if (!analysis) {
    throw new WaymarkError('WM_REQUEST_INVALID', 'kind', `"kind" must be one of ${Object.keys(ANALYSES).join(', ')}`);
  }
  const checked = analysis.validate(input);
  if (checked.kind === 'error') throw checked.error;
  return { kind: kind as string, spec: checked.spec };
}
