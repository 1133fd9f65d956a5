import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';

/** A TypeBox union of string literals whose description lists the allowed values. */
export const literals = <T extends readonly string[]>(values: T, description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description: `${description}: one of ${values.join(', ')}.` },
  ) as TUnion<TLiteral<T[number]>[]>;

/** A type guard for one of the values. */
export const guard =
  <T extends readonly string[]>(values: T) =>
  (value: unknown): value is T[number] =>
    (values as readonly unknown[]).includes(value);
