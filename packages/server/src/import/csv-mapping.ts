import { WaymarkError } from '@waymark/core';

const VALUE_TYPES = ['string', 'number', 'integer', 'boolean'] as const;
type ValueType = (typeof VALUE_TYPES)[number];

const TOP_FIELDS = ['messageId', 'type', 'event', 'name', 'userId', 'anonymousId', 'timestamp', 'groupId', 'previousId'] as const;
const NESTED_ROOTS = ['properties', 'traits', 'context'] as const;

interface Target {
  readonly path: readonly string[];
  readonly type: ValueType;
}

export interface CsvMapping {
  readonly columns: readonly { readonly column: string; readonly target: Target; readonly option: string }[];
  readonly constants: readonly { readonly target: Target; readonly value: unknown }[];
}

/**
 * Parses `--map field[:type]=column` and `--set field[:type]=value` options. A field is a
 * Segment field (`event`, `userId`, `timestamp`, ...) or a nested one (`properties.price`,
 * `traits.country`, `context.channel`); `:number`, `:integer` and `:boolean` convert the text.
 *
 * @example parseCsvMapping(['userId=CustomerID', 'properties.price:number=UnitPrice'], ['type=track', 'event=Order Line'])
 */
export function parseCsvMapping(maps: readonly string[], sets: readonly string[]): CsvMapping {
  const columns = maps.map((option) => {
    const [field, column] = splitOption(option, '--map');
    return { column, target: parseTarget(field, `--map ${option}`), option };
  });
  const constants = sets.map((option) => {
    const [field, text] = splitOption(option, '--set');
    const target = parseTarget(field, `--set ${option}`);
    return { target, value: convert(text, target.type, `--set ${option}`) };
  });
  if (columns.length === 0) throw new WaymarkError('WM_IMPORT_INVALID_MAPPING', '--map', 'a CSV import needs at least one --map field=column');
  return { columns, constants };
}

/** Checks that every mapped column exists in the file's header. */
export function checkColumns(mapping: CsvMapping, header: readonly string[]): void {
  for (const { column, option } of mapping.columns) {
    if (!header.includes(column)) {
      throw new WaymarkError('WM_IMPORT_INVALID_MAPPING', `--map ${option}`, `the file has no column "${column}" (columns: ${header.join(', ')})`);
    }
  }
}

/** Builds one Segment message from a CSV record; empty cells leave the field out. */
export function mapRecord(mapping: CsvMapping, record: Readonly<Record<string, string>>, line: number): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  for (const { target, value } of mapping.constants) assign(message, target.path, value);
  for (const { column, target } of mapping.columns) {
    const text = record[column];
    if (text === undefined || text === '') continue;
    assign(message, target.path, convert(text, target.type, `line ${line}: ${column}`));
  }
  return message;
}

function splitOption(option: string, flag: string): [string, string] {
  const at = option.indexOf('=');
  if (at <= 0) throw new WaymarkError('WM_IMPORT_INVALID_MAPPING', `${flag} ${option}`, `${flag} takes field=value, got "${option}"`);
  return [option.slice(0, at), option.slice(at + 1)];
}

function parseTarget(spec: string, where: string): Target {
  const [field = '', type = 'string'] = spec.split(':');
  if (!(VALUE_TYPES as readonly string[]).includes(type)) {
    throw new WaymarkError('WM_IMPORT_INVALID_MAPPING', where, `unknown type "${type}"; use ${VALUE_TYPES.join(', ')}`);
  }
  const path = field.split('.');
  const [root] = path;
  const ok = path.length === 1 ? (TOP_FIELDS as readonly string[]).includes(root!) : (NESTED_ROOTS as readonly string[]).includes(root!) && path.every((p) => p.length > 0);
  if (!ok) {
    throw new WaymarkError('WM_IMPORT_INVALID_MAPPING', where, `"${field}" is not a field; use ${TOP_FIELDS.join(', ')} or properties.*, traits.*, context.*`);
  }
  return { path, type: type as ValueType };
}

function convert(text: string, type: ValueType, where: string): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'boolean':
      if (/^(true|1|yes)$/i.test(text)) return true;
      if (/^(false|0|no)$/i.test(text)) return false;
      break;
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (text.trim() !== '' && Number.isFinite(n) && (type === 'number' || Number.isInteger(n))) return n;
      break;
    }
  }
  throw new WaymarkError('WM_IMPORT_INVALID_ROW', where, `"${text}" is not a valid ${type}`);
}

function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
