import type { Interval } from '../time-buckets.ts';
import { pathKeys, type SqlDialect } from './dialect.ts';

const str = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const keys = (path: string) => pathKeys(path).map(str).join(', ');
const START: Record<Exclude<Interval, 'hour'>, string> = { day: 'toDate', week: 'toMonday', month: 'toStartOfMonth' };

/** ClickHouse: properties is a String of JSON; `timestamp` is a DateTime64(3, 'UTC'). */
export const CLICKHOUSE_DIALECT: SqlDialect = {
  name: 'clickhouse',
  string: str,
  number: (value) => (Number.isInteger(value) ? `${value}` : `toFloat64(${value})`),
  propertyKind: (path, column = 'properties') =>
    `multiIf(JSONType(${column}, ${keys(path)}) = 'String', 'string', JSONType(${column}, ${keys(path)}) IN ('Int64', 'UInt64', 'Double'), 'number', JSONType(${column}, ${keys(path)}) = 'Bool', 'boolean', NULL)`,
  propertyString: (path, column = 'properties') => `JSONExtractString(${column}, ${keys(path)})`,
  propertyNumber: (path, column = 'properties') => `JSONExtractFloat(${column}, ${keys(path)})`,
  propertyBoolean: (path, column = 'properties') => `JSONExtractBool(${column}, ${keys(path)}) = 1`,
  propertyText: (path, column = 'properties') =>
    `multiIf(JSONType(${column}, ${keys(path)}) = 'String', JSONExtractString(${column}, ${keys(path)}),
             JSONType(${column}, ${keys(path)}) IN ('Int64', 'UInt64', 'Double', 'Bool'), JSONExtractRaw(${column}, ${keys(path)}), NULL)`,
  nullNumber: 'CAST(NULL AS Nullable(Float64))',
  sortedNumbers: (expr) => `arraySort(groupArray(${expr}))`,
  lastNonNull: (expr) => `last_value(${expr})`,
  latestProperties: (condition) => `if(countIf(${condition}) = 0, '{}', argMaxIf(properties, (timestamp, seq), ${condition}))`,
  contains: (haystack, needle) => `position(${haystack}, ${needle}) > 0`,
  epochMs: (column = 'timestamp') => `toUnixTimestamp64Milli(${column})`,
  bucket: (interval, timeZone, column = 'timestamp') =>
    interval === 'hour' ? `formatDateTime(${column}, '%Y-%m-%d %H:00', ${str(timeZone)})` : `toString(${START[interval]}(${column}, ${str(timeZone)}))`,
  timestamp: (ms) => `fromUnixTimestamp64Milli(toInt64(${Math.round(ms)}), 'UTC')`,
  periodNumber: (interval, timeZone, column = 'timestamp') => {
    const tz = str(timeZone);
    if (interval === 'month') return `toInt64((toYear(${column}, ${tz}) - 1970) * 12 + toMonth(${column}, ${tz}) - 1)`;
    if (interval === 'day') return `toInt64(dateDiff('day', toDate('1970-01-01'), toDate(${column}, ${tz})))`;
    return `toInt64(intDiv(dateDiff('day', toDate('1970-01-05'), toMonday(${column}, ${tz})), 7))`;
  },
  countWhere: (condition) => `countIf(${condition})`,
  bitOrAgg: (expr) => `groupBitOr(${expr})`,
  bitTest: (expr, bit) => `toInt64(bitTest(${expr}, ${bit}))`,
  powerOfTwo: (bit) => `bitShiftLeft(toInt64(1), ${bit})`,
  fanOut: (values) => `arrayJoin([${values.join(', ')}])`,
  plans: { funnel: 'arrays', paths: 'arrays' },
};
