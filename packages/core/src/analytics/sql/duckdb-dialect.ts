import type { Interval } from '../time-buckets.ts';
import { pathKeys, type SqlDialect } from './dialect.ts';

const str = (value: string) => `'${value.replaceAll("'", "''")}'`;
const jsonPath = (path: string) => str(`$${pathKeys(path).map((k) => `."${k.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join('')}`);
const TRUNC: Record<Interval, string> = { hour: 'hour', day: 'day', week: 'week', month: 'month' };

/** DuckDB: properties is a JSON column; `timestamp` is a TIMESTAMP in UTC. */
export const DUCKDB_DIALECT: SqlDialect = {
  name: 'duckdb',
  string: str,
  number: (value) => (Number.isInteger(value) ? `${value}` : `${value}::DOUBLE`),
  propertyKind: (path, column = 'properties') =>
    `(CASE json_type(${column}, ${jsonPath(path)}) WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' WHEN 'BOOLEAN' THEN 'boolean' ELSE NULL END)`,
  propertyString: (path, column = 'properties') => `json_extract_string(${column}, ${jsonPath(path)})`,
  propertyNumber: (path, column = 'properties') => `TRY_CAST(json_extract(${column}, ${jsonPath(path)}) AS DOUBLE)`,
  propertyBoolean: (path, column = 'properties') => `TRY_CAST(json_extract(${column}, ${jsonPath(path)}) AS BOOLEAN)`,
  propertyText: (path, column = 'properties') =>
    `(CASE WHEN json_type(${column}, ${jsonPath(path)}) IN ('VARCHAR') THEN json_extract_string(${column}, ${jsonPath(path)})
           WHEN json_type(${column}, ${jsonPath(path)}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN') THEN json_extract(${column}, ${jsonPath(path)})::VARCHAR END)`,
  nullNumber: 'CAST(NULL AS DOUBLE)',
  sortedNumbers: (expr) => `list_sort(list(${expr}) FILTER (WHERE ${expr} IS NOT NULL))`,
  lastNonNull: (expr) => `last_value(${expr} IGNORE NULLS)`,
  latestProperties: (condition) => `coalesce(arg_max(properties, (timestamp, seq)) FILTER (WHERE ${condition}), '{}'::JSON)`,
  contains: (haystack, needle) => `contains(${haystack}, ${needle})`,
  epochMs: (column = 'timestamp') => `epoch_ms(${column})`,
  bucket: (interval, timeZone, column = 'timestamp') => {
    const local = `(${column} AT TIME ZONE 'UTC' AT TIME ZONE ${str(timeZone)})`;
    return interval === 'hour' ? `strftime(date_trunc('hour', ${local}), '%Y-%m-%d %H:00')` : `strftime(date_trunc('${TRUNC[interval]}', ${local}), '%Y-%m-%d')`;
  },
  timestamp: (ms) => `make_timestamp(${Math.round(ms) * 1000})`,
  periodNumber: (interval, timeZone, column = 'timestamp') => {
    const local = `(${column} AT TIME ZONE 'UTC' AT TIME ZONE ${str(timeZone)})`;
    if (interval === 'month') return `((year(${local}) - 1970) * 12 + month(${local}) - 1)::BIGINT`;
    if (interval === 'day') return `date_diff('day', DATE '1970-01-01', CAST(${local} AS DATE))::BIGINT`;
    return `(date_diff('day', DATE '1970-01-05', CAST(date_trunc('week', ${local}) AS DATE)) // 7)::BIGINT`;
  },
  countWhere: (condition) => `count(*) FILTER (WHERE ${condition})`,
  bitOrAgg: (expr) => `bit_or(${expr})`,
  bitTest: (expr, bit) => `((${expr} >> (${bit})) & 1)`,
  powerOfTwo: (bit) => `(1::BIGINT << (${bit}))`,
  fanOut: (values) => `unnest([${values.join(', ')}])`,
  plans: { funnel: 'asof', paths: 'window' },
};
