/** A compiled analysis: the queries to run, in order, and how to turn their rows into the result. */
export interface CompiledAnalysis<R> {
  readonly queries: readonly string[];
  shape(rows: readonly (readonly Record<string, unknown>[])[]): R;
}

/** The `person_id`s of a persons query's rows, sorted as the reference implementations sort them. */
export const sortedPersonIds = (rows: readonly Record<string, unknown>[]): string[] => rows.map((r) => String(r['person_id'])).sort();
