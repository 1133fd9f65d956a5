import type { AlertRuleInput } from '@waymark/core';
import type { Kysely } from 'kysely';
import type { StateTables } from '../stores/state/schema.ts';

/** The tables alerts add to the StateStore (migration 0014_surveys_and_alerts). */
type AlertTables = {
  alert_rules: { id: string; project_id: string; rule: string; checkpoint: number; created_at: string; updated_at: string };
  alert_deliveries: { rule_id: string; event_id: string; project_id: string; status: string; attempts: number; error: string | null; created_at: string };
};

export interface AlertRule extends AlertRuleInput {
  readonly id: string;
  readonly projectId: string;
  /** Events up to this log position have been evaluated for the rule. */
  readonly checkpoint: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AlertDelivery {
  readonly ruleId: string;
  readonly eventId: string;
  readonly status: 'sending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly error: string | null;
  readonly createdAt: string;
}

/** Alert rules and the record of every alert sent: one row per rule and event, the exactly-once key. */
export class AlertStore {
  readonly #db: Kysely<StateTables & AlertTables>;

  constructor(db: Kysely<StateTables>) {
    this.#db = db.withTables<AlertTables>();
  }

  async list(projectId?: string): Promise<AlertRule[]> {
    let query = this.#db.selectFrom('alert_rules').selectAll();
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    return (await query.orderBy('created_at').orderBy('id').execute()).map(toRule);
  }

  async find(projectId: string, id: string): Promise<AlertRule | null> {
    const row = await this.#db.selectFrom('alert_rules').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return row ? toRule(row) : null;
  }

  async create(projectId: string, id: string, rule: AlertRuleInput, checkpoint: number, at: string): Promise<void> {
    await this.#db.insertInto('alert_rules').values({ id, project_id: projectId, rule: JSON.stringify(rule), checkpoint, created_at: at, updated_at: at }).execute();
  }

  async replace(projectId: string, id: string, rule: AlertRuleInput, at: string): Promise<boolean> {
    const r = await this.#db.updateTable('alert_rules').set({ rule: JSON.stringify(rule), updated_at: at }).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const r = await this.#db.deleteFrom('alert_rules').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** Moves rules' checkpoints forward (never back). */
  async advance(ruleIds: readonly string[], checkpoint: number): Promise<void> {
    if (ruleIds.length === 0) return;
    await this.#db.updateTable('alert_rules').set({ checkpoint }).where('id', 'in', [...ruleIds]).where('checkpoint', '<', checkpoint).execute();
  }

  /** Claims the alert of a rule for an event; false when it was claimed before (it is not sent twice). */
  async claim(projectId: string, ruleId: string, eventId: string, at: string): Promise<boolean> {
    const r = await this.#db
      .insertInto('alert_deliveries')
      .values({ rule_id: ruleId, event_id: eventId, project_id: projectId, status: 'sending', attempts: 0, error: null, created_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async settle(ruleId: string, eventId: string, status: 'delivered' | 'failed', attempts: number, error: string | null): Promise<void> {
    await this.#db.updateTable('alert_deliveries').set({ status, attempts, error }).where('rule_id', '=', ruleId).where('event_id', '=', eventId).execute();
  }

  async deliveries(projectId: string, ruleId: string, limit = 100): Promise<AlertDelivery[]> {
    const rows = await this.#db.selectFrom('alert_deliveries').selectAll().where('project_id', '=', projectId).where('rule_id', '=', ruleId).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ruleId: r.rule_id, eventId: r.event_id, status: r.status as AlertDelivery['status'], attempts: r.attempts, error: r.error, createdAt: r.created_at }));
  }
}

function toRule(r: AlertTables['alert_rules']): AlertRule {
  return { ...(JSON.parse(r.rule) as AlertRuleInput), id: r.id, projectId: r.project_id, checkpoint: r.checkpoint, createdAt: r.created_at, updatedAt: r.updated_at };
}
