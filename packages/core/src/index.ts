export { ERROR_CATALOG, ERROR_CODES, type ErrorCode } from './errors/catalog.ts';
export { WaymarkError, isWaymarkError, type ErrorBody } from './errors/waymark-error.ts';
export { KNOWN_CHANNELS, isChannel, isKnownChannel, resolveChannel, type KnownChannel } from './events/channel.ts';
export { MESSAGE_TYPES, SYSTEM_EVENT_NAMES, isMessageType, type MessageType } from './events/message-types.ts';
export { SegmentMessage, SegmentBatch, MAX_EVENT_BYTES, MAX_BATCH_BYTES } from './events/segment-schema.ts';
export type { WaymarkEvent, IncomingEvent } from './events/event.ts';
export { normalizeMessage, type NormalizeContext, type NormalizeResult } from './events/normalize-message.ts';
export { parseIsoTimestamp } from './events/parse-timestamp.ts';
export { AUTOCAPTURE_EVENTS, CLICK_OBSERVATIONS, type ClickObservation } from './events/autocapture.ts';
export { IdentityGraph, anonymousKey, userKey, type IdentityResolution, type IdentityInput } from './identity/identity-graph.ts';
export { Sessionizer, SESSION_TIMEOUT_MS } from './sessions/sessionizer.ts';
export { hash64 } from './util/hash.ts';
export { resolveEvents, type ResolvedBatch } from './identity/resolve-events.ts';
export {
  JourneyMap, JourneyGoal, JourneyStage, JourneyTouchpoint, JourneyKpi, JourneyPersona, JourneyLaneCard, EventMatcher, PropertyCondition, PersonaCondition, SegmentDefinition,
  CONDITION_OPS, CONDITION_SCOPES, KPI_METRICS, KPI_DIRECTIONS, JOURNEY_LANES, JOURNEY_ID_PATTERN,
  isConditionOp, isConditionScope, isKpiMetric, isKpiDirection, isJourneyLane,
  type ConditionOp, type ConditionScope, type KpiMetric, type KpiDirection, type JourneyLane,
} from './journey/journey-map.schema.ts';
export { validateJourneyMap, type ValidateJourneyMapResult, type ValidateJourneyMapOptions } from './journey/validate-journey-map.ts';
export { JOURNEY_TEMPLATES, SHOP_JOURNEY, SAAS_JOURNEY, PATIENT_CARE_JOURNEY, TRAVEL_JOURNEY, HOME_SECURITY_JOURNEY } from './journey/templates/index.ts';
export { simulate, estimateEvents, scenarioJourney, SCENARIOS, isScenario, type Scenario, type SimulateOptions } from './simulator/simulate.ts';
export { groundTruth, SAAS_REVENUE_MONTHS, type GroundTruth, type GroundTruthProblem } from './simulator/ground-truth.ts';
export { PLANTED_PROBLEMS, CONTROL_TOUCHPOINTS, PROBLEM_KINDS, type ProblemKind, type ProblemId, type ProblemSegment, type PlantedEffect, type ProblemDefinition } from './simulator/problems.ts';
export { ACQUISITION_SOURCES, PAID_SOURCES, type AcquisitionSource } from './simulator/acquisition.ts';
export { toAnalysisEvent, byTime, type AnalysisEvent } from './analytics/analysis-event.ts';
export { propertyValue, propertyText, propertyNumber } from './analytics/matchers/property-value.ts';
export { matchesCondition, matchesEvent } from './analytics/matchers/match-event.ts';
export { personsTable, resultTable, RESULT_TABLE_KINDS, type ResultTable, type ResultColumn, type ColumnKind, type Cell } from './analytics/result-table.ts';
export { tableCsv } from './analytics/result-csv.ts';
export { EventSelector, AnyOfEvents, selectorMatchers, selectorName, matchesSelector } from './analytics/matchers/event-selector.ts';
export { INTERVALS, isInterval, bucketOf, dayStart, timeZoneName, type Interval } from './analytics/time-buckets.ts';
export { periodState, firstOpenPeriod, cohortPeriodState, periodCut, type PeriodClock, type PeriodState } from './analytics/period-state.ts';
export { pathKeys, type SqlDialect } from './analytics/sql/dialect.ts';
export { DUCKDB_DIALECT } from './analytics/sql/duckdb-dialect.ts';
export { CLICKHOUSE_DIALECT } from './analytics/sql/clickhouse-dialect.ts';
export { compileCondition, compileMatcher, compileSelector } from './analytics/sql/compile-matcher.ts';
export { RangeFields, readRange, bucketsIn, minuteOf, isInsideRange, type AnalysisRange } from './analytics/analysis-range.ts';
export { breakdownValuesLeftOut } from './analytics/breakdown-limit.ts';
export { TrendsSpec, TrendSeries, TREND_MEASURES, validateTrendsSpec, type TrendMeasure } from './analytics/trends/trends.spec.ts';
export { measureValue, sameLine, type TrendRow, type TrendLine, type TrendsResult } from './analytics/trends/trends.shape.ts';
export { trendsReference } from './analytics/trends/trends.reference.ts';
export { compileTrends } from './analytics/trends/trends.sql.ts';
export type { CompiledAnalysis } from './analytics/compiled-analysis.ts';
export { RetentionSpec, validateRetentionSpec, type RetentionCohort, type RetentionResult } from './analytics/retention/retention.spec.ts';
export {
  CALENDAR_INTERVALS, isCalendarInterval, periodAfter, periodNumber, periodLabel, periodOf, periodWindow, periodBounds, type CalendarInterval, type PeriodWindow,
} from './analytics/calendar-periods.ts';
export { validateAnalysisSpec, shapeError, checkMatcher, checkSelector, checkCondition, type SpecValidation, type ValidateAnalysisOptions } from './analytics/validate-spec.ts';
export { periodNumberSql } from './analytics/sql/period-number-sql.ts';
export { retentionReference } from './analytics/retention/retention.reference.ts';
export { compileRetention } from './analytics/retention/retention.sql.ts';
export { LifecycleSpec, LIFECYCLE_STATUSES, validateLifecycleSpec, type LifecycleStatus, type LifecyclePeriod, type LifecycleResult } from './analytics/lifecycle/lifecycle.spec.ts';
export { lifecycleReference } from './analytics/lifecycle/lifecycle.reference.ts';
export { compileLifecycle } from './analytics/lifecycle/lifecycle.sql.ts';
export {
  StickinessSpec, STICKINESS_INTERVALS, STICKINESS_MAX_DAYS, validateStickinessSpec, type StickinessInterval, type StickinessPeriod, type StickinessResult,
} from './analytics/stickiness/stickiness.spec.ts';
export { stickinessReference } from './analytics/stickiness/stickiness.reference.ts';
export { compileStickiness } from './analytics/stickiness/stickiness.sql.ts';
export {
  FunnelSpec, FunnelExclusion, FunnelStep, FUNNEL_ORDERS, MAX_FUNNEL_STEPS, WINDOW_UNITS, isFunnelOrder, validateFunnelSpec, windowMs, breakdownPath, type FunnelOrder, type WindowUnit,
} from './analytics/funnel/funnel.spec.ts';
export {
  shapeFunnel, convertRanks, binWidth, DEFAULT_HISTOGRAM_BUCKETS,
  type FunnelAggregates, type FunnelResult, type FunnelGroup, type FunnelStepResult, type FunnelPeriod, type TimeToConvert, type TimeGroup,
} from './analytics/funnel/funnel.shape.ts';
export { funnelReference, funnelOutcomes, aggregateOutcomes, type FunnelOutcome } from './analytics/funnel/funnel.reference.ts';
export { compileFunnel } from './analytics/funnel/funnel.sql.ts';
export { SegmentSpec, SegmentCondition, TraitCondition, BehaviorCondition, validateSegmentSpec, type SegmentResult } from './analytics/segments/segment.spec.ts';
export { segmentReference, isMember as isSegmentMember } from './analytics/segments/segment.reference.ts';
export { compileSegment, countedPersons, segmentPersonsSql } from './analytics/segments/segment.sql.ts';
export {
  METRIC_CATALOG, METRIC_IDS, METRIC_PARAMETERS, METRIC_PARAMETER_DEFAULTS, METRIC_FAMILIES, METRIC_VALUE_KINDS, isMetricId, metricDefinition,
  type MetricId, type MetricDefinition, type MetricParameter, type MetricParameters, type MetricFamily, type MetricValueKind, type MetricBreakdownKind,
} from './analytics/metrics/metric-definitions.ts';
export {
  MetricSpec, METRIC_INTERVALS, METRIC_MAX_PERIODS, validateMetricSpec, metricParameters, metricWindows,
  type MetricInterval, type MetricValue, type MetricPoint, type MetricBreakdownLine, type MetricResult, type MetricWindow,
} from './analytics/metrics/metric.spec.ts';
export { metricValue, shapeMetric } from './analytics/metrics/metric.shape.ts';
export { metricReference } from './analytics/metrics/metrics.reference.ts';
export { compileMetric } from './analytics/metrics/metrics.sql.ts';
export {
  PathsSpec, PATH_DIRECTIONS, PATH_SCOPES, PATHS_MAX_STEPS, PATHS_OTHER, pathsPlan, pathLabel, validatePathsSpec, type PathDirection, type PathScope, type PathsPlan,
} from './analytics/paths/paths.spec.ts';
export { shapePaths, type PathStepRow, type PathNode, type PathLink, type PathsResult } from './analytics/paths/paths.shape.ts';
export { pathsReference } from './analytics/paths/paths.reference.ts';
export { compilePaths } from './analytics/paths/paths.sql.ts';
export { jsonMergePatch } from './util/json-merge-patch.ts';
export { readWholeNumber } from './util/whole-number.ts';
export { ROLES, ACCESS_LEVELS, isRole, roleAllows, roleNeeded, type Role, type Access } from './members/roles.ts';
export { compareJourneyMaps, JOURNEY_CHANGE_KINDS, JOURNEY_ENTITIES, type JourneyChange, type JourneyChangeKind, type JourneyEntity } from './journey/compare-journey-maps.ts';
export {
  journeyNumbersPlan, JOURNEY_NUMBER_INTERVALS, isJourneyNumbersInterval,
  type JourneyNumbersPlan, type JourneyNumbersInterval, type JourneyUnit, type JourneyCounts, type UnitCounts, type GoalCounts, type WindowCounts, type SparkPoint,
} from './analytics/journey-numbers/journey-numbers.plan.ts';
export { compileJourneyNumbers } from './analytics/journey-numbers/journey-numbers.sql.ts';
export { journeyNumbersReference } from './analytics/journey-numbers/journey-numbers.reference.ts';
export {
  shapeJourneyNumbers, kpiStatus, kpiValue, goalValue, unitNumbers, KPI_STATUSES, AT_RISK_TOLERANCE, COMPUTED_KPI_METRICS,
  type KpiStatus, type JourneyNumbers, type KpiNumbers, type UnitNumbers,
} from './analytics/journey-numbers/journey-numbers.shape.ts';
export { personaPersonsSql } from './analytics/journey-numbers/persona-persons.sql.ts';
export { eventNamesSql, eventPropertyNamesSql, eventPropertyValuesSql, matcherCountSql } from './analytics/suggestions/suggestions.sql.ts';
export { journeyTargetExists } from './journey/comment-target.ts';
export { FRICTION_KINDS, FRICTION_DEFINITIONS, FRICTION_EVENT_NAMES, isFrictionKind, frictionKindOfEvent, type FrictionKind, type FrictionDefinition } from './friction/friction-kinds.ts';
export { FrictionSettings, FrictionSettingsPatch, DEFAULT_FRICTION_SETTINGS } from './friction/friction-settings.ts';
export type { FrictionSignal, FrictionInput } from './friction/friction-signal.ts';
export { FrictionDetector, FRICTION_SOURCE_EVENTS, FRICTION_SESSION_EVENTS, FRICTION_PERSON_EVENTS, detectFriction, frictionSignalId, signalEvent, type FrictionEvent, type FrictionDetectorOptions } from './friction/friction-detector.ts';
export { frictionPlan, type FrictionPlan, type FrictionCounts, type FrictionSession, type KindCounts } from './analytics/friction/friction.plan.ts';
export { attributeFriction, type Attribution, type AttributedSignal } from './analytics/friction/friction-attribution.ts';
export { frictionReference, frictionSessionsReference } from './analytics/friction/friction.reference.ts';
export { compileFriction, compileFrictionSessions } from './analytics/friction/friction.sql.ts';
export { shapeFriction, type FrictionResult, type StageFriction, type TouchpointFriction, type KindResult } from './analytics/friction/friction.shape.ts';
export { SENTIMENT_LABELS, isSentimentLabel, type SentimentLabel, type Sentiment } from './text/sentiment-labels.ts';
export { tokenizeText, markNegation } from './text/tokenize-text.ts';
export { lexiconSentiment, lexiconScores, type LexiconScores } from './text/lexicon-sentiment.ts';
export { sentimentFeatures, DENSE_FEATURES, type SentimentFeatures } from './text/sentiment-features.ts';
export { SentimentModel, type SentimentModelData } from './text/sentiment-model.ts';
export { trainSentimentModel, DEFAULT_TRAINING, type LabelledText, type TrainingOptions } from './text/train-sentiment-model.ts';
export { classificationMetrics, type ClassificationMetrics } from './text/classification-metrics.ts';
export { seededShuffle } from './text/seeded-shuffle.ts';
export { stemWord } from './text/stem-word.ts';
export { STOP_WORDS, isContentWord } from './text/stop-words.ts';
export { extractKeyPhrases, MAX_PHRASE_WORDS, type KeyPhrase } from './text/extract-key-phrases.ts';
export { groupPhrases, DEFAULT_GROUPING, type PhraseGroup, type GroupingOptions } from './text/group-themes.ts';
export { themeTrend, type TrendPoint, type ThemeChange } from './text/theme-trend.ts';
export { findThemes, type CustomerText, type Theme, type ThemeExample, type ThemeOptions, type ThemesResult } from './text/find-themes.ts';
export { shippedSentimentModel, predictSentiment } from './text/shipped-sentiment-model.ts';
export { customerTextsSql, TEXT_EVENTS, type CustomerTextsQuery } from './text/customer-texts.sql.ts';
export * from './surveys/index.ts';
export * from './alerts/alert-rule.schema.ts';
export { FUNNEL_PLANS, funnelPlanRuns, chooseFunnelPlan, type FunnelPlan } from './analytics/funnel/funnel-plan.ts';
export { PATHS_SQL_PLANS, pathsPlanRuns, type PathsSqlPlan } from './analytics/paths/paths.sql.ts';
export { LIFECYCLE_PLANS, lifecyclePlanRuns, type LifecyclePlan } from './analytics/lifecycle/lifecycle.sql.ts';
