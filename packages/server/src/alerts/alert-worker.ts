import { alertMatches, SURVEY_ANSWERED, type AlertRuleInput } from '@waymark/core';
import type { Logger } from 'pino';
import type { Runtime } from '../runtime.ts';
import type { StoredEvent } from '../stores/event-store.ts';
import { answerSentiment } from '../surveys/answer-sentiment.ts';
import type { AlertEventView, AlertPayload } from './alert-payload.ts';
import { AlertStore, type AlertRule } from './alert-store.ts';
import { mailTransport, notify, type NotifyOptions } from './notify.ts';

export interface AlertWorkerOptions {
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly notify: NotifyOptions;
}

export const DEFAULT_ALERT_OPTIONS = { intervalMs: 500, batchSize: 500, retryDelaysMs: [1_000, 5_000, 30_000], timeoutMs: 10_000 } as const;

const TIMELINE_LENGTH = 20;
/** Alerts being delivered at once; a rule's retries never hold up another alert below this. */
const MAX_IN_FLIGHT = 16;

interface CandidateEvent {
  readonly id: string;
  readonly seq: number;
  readonly event: string;
  readonly channel: string;
  readonly personId: string;
  readonly userId: string | null;
  readonly anonymousId: string | null;
  readonly sessionId: string | null;
  readonly timestamp: number;
  readonly properties: Record<string, unknown>;
}

/**
 * Evaluates alert rules over new events: a poller over the event store's log positions. Each
 * rule keeps a checkpoint (the position it has seen up to); each tick reads the events after
 * the lowest checkpoint up to what the store has made visible, so every event is looked at
 * once whichever way it arrived (widget, link, API, batch import). An alert is claimed in the
 * state store before it is sent (one row per rule and event), so it goes out at most once
 * even with several servers; a crash between the claim and the send loses that alert rather
 * than sending it twice. Delivery, with its retries, runs beside the evaluation (up to
 * MAX_IN_FLIGHT alerts at once), so a receiver that is down delays only its own alerts; stopping
 * ends pending retries and records those alerts as failed.
 */
export class AlertWorker {
  readonly #runtime: Runtime;
  readonly #store: AlertStore;
  readonly #options: AlertWorkerOptions;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  readonly #stopping = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(runtime: Runtime, options: AlertWorkerOptions) {
    this.#runtime = runtime;
    this.#store = new AlertStore(runtime.state.db);
    this.#options = options;
    this.#logger = runtime.logger.child({ worker: 'alerts' });
  }

  static forRuntime(runtime: Runtime): AlertWorker {
    const { smtpUrl, mailFrom } = runtime.config;
    const mail = smtpUrl ? { transport: mailTransport(smtpUrl), from: mailFrom } : null;
    const d = DEFAULT_ALERT_OPTIONS;
    return new AlertWorker(runtime, { intervalMs: d.intervalMs, batchSize: d.batchSize, notify: { retryDelaysMs: d.retryDelaysMs, timeoutMs: d.timeoutMs, mail } });
  }

  start(): void {
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#stopping.abort();
    await this.#running;
    await Promise.all(this.#inFlight);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.tick()
        .catch((error: unknown) => this.#logger.error({ err: error }, 'alert evaluation failed; retrying'))
        .finally(() => {
          this.#running = null;
          this.#schedule();
        });
    }, this.#options.intervalMs);
    this.#timer.unref();
  }

  /** One pass over every project with rules. */
  async tick(): Promise<void> {
    const byProject = new Map<string, AlertRule[]>();
    for (const rule of await this.#store.list()) {
      if (rule.enabled === false) continue;
      byProject.set(rule.projectId, [...(byProject.get(rule.projectId) ?? []), rule]);
    }
    for (const [projectId, rules] of byProject) {
      if (this.#stopped) return;
      await this.#evaluateProject(projectId, rules);
    }
  }

  async #evaluateProject(projectId: string, rules: AlertRule[]): Promise<void> {
    const visible = this.#runtime.events.checkpoint;
    const from = Math.min(...rules.map((r) => r.checkpoint));
    if (visible <= from) return;
    const events = await this.#candidates(projectId, rules, from, visible);
    const upTo = events.length === this.#options.batchSize ? events[events.length - 1]!.seq : visible;
    for (const e of events) {
      for (const rule of rules) {
        if (e.seq <= rule.checkpoint) continue;
        if (!alertMatches(rule.when, e, answerSentiment)) continue;
        await this.#fire(projectId, rule, e);
      }
    }
    await this.#store.advance(rules.map((r) => r.id), upTo);
  }

  /** Events after `from` that any rule could match: survey answers, and events with text for text rules. */
  async #candidates(projectId: string, rules: AlertRule[], from: number, to: number): Promise<CandidateEvent[]> {
    const d = this.#runtime.engine.dialect;
    const kinds = [`event = ${d.string(SURVEY_ANSWERED)}`];
    if (rules.some((r) => 'text' in r.when)) kinds.push(`${d.propertyKind('text')} = 'string'`);
    const rows = await this.#runtime.engine.query(`SELECT id, seq, event, channel, person_id, user_id, anonymous_id, session_id, ${d.epochMs()} AS ts, properties
      FROM events_resolved
      WHERE project_id = ${d.string(projectId)} AND seq > ${from} AND seq <= ${to} AND (${kinds.join(' OR ')})
      ORDER BY seq LIMIT ${this.#options.batchSize}`);
    return rows.map((r) => ({
      id: String(r['id']),
      seq: Number(r['seq']),
      event: String(r['event']),
      channel: String(r['channel']),
      personId: String(r['person_id']),
      userId: r['user_id'] == null ? null : String(r['user_id']),
      anonymousId: r['anonymous_id'] == null ? null : String(r['anonymous_id']),
      sessionId: r['session_id'] == null ? null : String(r['session_id']),
      timestamp: Number(r['ts']),
      properties: typeof r['properties'] === 'string' ? (JSON.parse(r['properties']) as Record<string, unknown>) : ((r['properties'] ?? {}) as Record<string, unknown>),
    }));
  }

  async #fire(projectId: string, rule: AlertRule, e: CandidateEvent): Promise<void> {
    if (!(await this.#store.claim(projectId, rule.id, e.id, new Date().toISOString()))) return;
    const payload = await this.#payload(projectId, rule, e);
    while (this.#inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.#inFlight);
    const delivery = this.#deliver(rule, e.id, payload).catch((error: unknown) => this.#logger.error({ err: error, ruleId: rule.id, eventId: e.id }, 'alert delivery failed'));
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(rule: AlertRule, eventId: string, payload: AlertPayload): Promise<void> {
    const options = { ...this.#options.notify, signal: this.#stopping.signal };
    const outcomes = await Promise.all(rule.notify.map(async (target) => ({ target, outcome: await notify(target, payload, options) })));
    const attempts = outcomes.reduce((sum, o) => sum + o.outcome.attempts, 0);
    const errors = outcomes.filter((o) => !o.outcome.ok).map(({ target, outcome }) => `${'webhook' in target ? target.webhook : target.email}: ${outcome.error}`);
    await this.#store.settle(rule.id, eventId, errors.length === 0 ? 'delivered' : 'failed', attempts, errors.length === 0 ? null : errors.join('; '));
    if (errors.length > 0) this.#logger.warn({ ruleId: rule.id, eventId, errors }, 'alert not delivered to every target');
  }

  async #payload(projectId: string, rule: AlertRule & AlertRuleInput, e: CandidateEvent): Promise<AlertPayload> {
    const project = await this.#runtime.projects.requireProject(projectId);
    const recent = await this.#runtime.events.listEvents({ projectId, personId: e.personId }, TIMELINE_LENGTH, null);
    const timeline = recent.map(view);
    const sessions = [...new Set([e.sessionId, ...recent.map((r) => r.sessionId)].filter((s): s is string => s !== null))];
    const base = this.#runtime.config.publicUrl ?? '';
    return {
      alertId: `${rule.id}:${e.id}`,
      projectId,
      rule: { id: rule.id, name: rule.name },
      event: { id: e.id, event: e.event, channel: e.channel, timestamp: new Date(e.timestamp).toISOString(), sessionId: e.sessionId, properties: e.properties },
      person: { personId: e.personId, userId: e.userId, anonymousId: e.anonymousId, link: `${base}/p/${encodeURIComponent(project.slug)}/people/${encodeURIComponent(e.personId)}` },
      sessions,
      timeline,
    };
  }
}

const view = (e: StoredEvent): AlertEventView => ({
  id: e.id,
  event: e.event,
  channel: e.channel,
  timestamp: new Date(e.timestamp).toISOString(),
  sessionId: e.sessionId,
  properties: e.properties,
});
