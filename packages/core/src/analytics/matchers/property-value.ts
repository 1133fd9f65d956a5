/**
 * How analyses read a property, the same way in the reference implementations and in SQL:
 * `path` is a property name or a dotted path into nested objects (`address.city`); the pseudo
 * property `$channel` is the event's channel.
 * The *number* of a value exists only for JSON numbers; the *text* (for breakdowns) is the
 * string itself, or the JSON text of a number or boolean.
 */
export function propertyValue(properties: Readonly<Record<string, unknown>>, path: string): unknown {
  let node: unknown = properties;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function propertyText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return null;
}

export function propertyNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
