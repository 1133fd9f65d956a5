import type { Survey } from '@waymark/core';
import type { Kysely } from 'kysely';
import type { StateTables } from './schema.ts';

/** The tables surveys add to the StateStore (migration 0014_surveys_and_alerts). */
// A type, not an interface: Kysely's withTables wants an index-compatible record.
type SurveyTables = {
  surveys: { project_id: string; id: string; status: string; definition: string; created_at: string; updated_at: string };
  survey_displays: { project_id: string; survey_id: string; person_key: string; shown_at: string };
};

export interface StoredSurvey {
  readonly survey: Survey;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Survey definitions, and when each was last shown to each id of a person (the frequency cap). */
export class SurveyStore {
  readonly #db: Kysely<StateTables & SurveyTables>;

  constructor(db: Kysely<StateTables>) {
    this.#db = db.withTables<SurveyTables>();
  }

  async list(projectId: string): Promise<StoredSurvey[]> {
    const rows = await this.#db.selectFrom('surveys').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toStored);
  }

  async listActive(projectId: string): Promise<Survey[]> {
    const rows = await this.#db.selectFrom('surveys').selectAll().where('project_id', '=', projectId).where('status', '=', 'active').orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => toStored(r).survey);
  }

  async find(projectId: string, id: string): Promise<StoredSurvey | null> {
    const row = await this.#db.selectFrom('surveys').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return row ? toStored(row) : null;
  }

  /** Stores a new survey; false when the id is taken. */
  async create(projectId: string, survey: Survey, at: string): Promise<boolean> {
    const result = await this.#db
      .insertInto('surveys')
      .values({ project_id: projectId, id: survey.id, status: survey.status, definition: JSON.stringify(survey), created_at: at, updated_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Replaces a survey; false when there is none with that id. */
  async replace(projectId: string, survey: Survey, at: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('surveys')
      .set({ status: survey.status, definition: JSON.stringify(survey), updated_at: at })
      .where('project_id', '=', projectId)
      .where('id', '=', survey.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('surveys').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      await trx.deleteFrom('survey_displays').where('project_id', '=', projectId).where('survey_id', '=', id).execute();
      return Number(result.numDeletedRows) === 1;
    });
  }

  /** Records a display under each of the person's ids, so the cap holds whichever id comes next. */
  async recordDisplay(projectId: string, surveyId: string, personKeys: readonly string[], at: string): Promise<void> {
    if (personKeys.length === 0) return;
    await this.#db
      .insertInto('survey_displays')
      .values(personKeys.map((key) => ({ project_id: projectId, survey_id: surveyId, person_key: key, shown_at: at })))
      .onConflict((oc) => oc.columns(['project_id', 'survey_id', 'person_key']).doUpdateSet({ shown_at: at }))
      .execute();
  }

  /** The latest display of the survey to any of these ids, in epoch ms, or null. */
  async lastShown(projectId: string, surveyId: string, personKeys: readonly string[]): Promise<number | null> {
    if (personKeys.length === 0) return null;
    const row = await this.#db
      .selectFrom('survey_displays')
      .select((eb) => eb.fn.max('shown_at').as('shown_at'))
      .where('project_id', '=', projectId)
      .where('survey_id', '=', surveyId)
      .where('person_key', 'in', [...personKeys])
      .executeTakeFirst();
    return row?.shown_at ? Date.parse(row.shown_at) : null;
  }
}

const toStored = (r: SurveyTables['surveys']): StoredSurvey => ({ survey: JSON.parse(r.definition) as Survey, createdAt: r.created_at, updatedAt: r.updated_at });
