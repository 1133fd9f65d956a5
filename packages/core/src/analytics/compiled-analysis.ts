/** A compiled analysis: the queries to run, in order, and how to turn their rows into the result. */
export interface CompiledAnalysis<R> {
  readonly queries: readonly string[];
  shape(rows: readonly (readonly Record<string, unknown>[])[]): R;
}
