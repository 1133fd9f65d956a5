import type { IncomingEvent, MessageType } from '@waymark/core';

/**
 * The write-ahead log's record of one event: tab-separated fields, text escaped like
 * PostgreSQL's COPY (`\t`, `\n`, `\\`; `\N` is null), properties and context as JSON. The
 * store reads records back by splitting on tabs: no JSON parsing on the way to DuckDB.
 *
 * Fields: projectId, id, type, event, anonymousId, userId, sessionId, channel, timestamp,
 * receivedAt, previousId, traits (JSON or \N), properties (JSON), context (JSON).
 */
export interface EventRecord {
  readonly event: IncomingEvent;
  readonly properties: string;
  readonly context: string;
}

const NEEDS_ESCAPE = /[\t\n\r\\]/;
const NULL = '\\N';

const escape = (text: string) => (NEEDS_ESCAPE.test(text) ? text.replace(/[\t\n\r\\]/g, (c) => ESCAPES[c]!) : text);
const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };
const UNESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };
const unescape = (text: string) => (text.includes('\\') ? text.replace(/\\([tnr\\])/g, (_, c: string) => UNESCAPES[c]!) : text);
const nullable = (text: string | null) => (text === null ? NULL : escape(text));
const readNullable = (text: string) => (text === NULL ? null : unescape(text));
const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** Encodes an event; `properties` and `context` are its already-serialized JSON. */
export function encodeRecord(e: IncomingEvent, properties: string, context: string): string {
  return [
    escape(e.projectId),
    escape(e.id),
    e.type,
    escape(e.event),
    nullable(e.anonymousId),
    nullable(e.userId),
    nullable(e.sessionId),
    escape(e.channel),
    e.timestamp,
    e.receivedAt,
    nullable(e.previousId),
    e.traits === null ? NULL : JSON.stringify(e.traits),
    properties,
    context,
  ].join('\t');
}

/**
 * Decodes a record. The event's `properties` and `context` stay as JSON text in the record
 * (the store writes them as they are); only identify/group traits are parsed.
 */
export function decodeRecord(text: string): EventRecord {
  const f = text.split('\t');
  if (f.length !== 14) throw new Error(`a log record has ${f.length} fields, expected 14`);
  return {
    event: {
      projectId: unescape(f[0]!),
      id: unescape(f[1]!),
      type: f[2] as MessageType,
      event: unescape(f[3]!),
      anonymousId: readNullable(f[4]!),
      userId: readNullable(f[5]!),
      sessionId: readNullable(f[6]!),
      channel: unescape(f[7]!),
      timestamp: Number(f[8]),
      receivedAt: Number(f[9]),
      previousId: readNullable(f[10]!),
      traits: f[11] === NULL ? null : (JSON.parse(f[11]!) as Record<string, unknown>),
      properties: EMPTY,
      context: EMPTY,
    },
    properties: f[12]!,
    context: f[13]!,
  };
}
