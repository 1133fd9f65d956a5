import { normalizeMessage, SegmentMessage, WaymarkError } from '@waymark/core';
import { Ajv } from 'ajv';
import { ajvPath } from '../http/error-boundary.ts';
import type { IngestOutcome } from '../ingest/ingest-pipeline.ts';
import type { CsvMapping } from './csv-mapping.ts';
import { readImportFile, type ImportFormat } from './read-import-file.ts';

/** Where imported messages go: the local pipeline, or a running server's `/v1/batch`. */
export type SendMessages = (messages: readonly Record<string, unknown>[]) => Promise<IngestOutcome>;

export interface ImportResult {
  readonly rows: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly skipped: number;
}

const checkSchema = new Ajv({ strict: false, coerceTypes: false }).compile(SegmentMessage);
/** How many rows a request takes: a server's /v1/batch (under its 500 KB limit), or the local pipeline, which has none. */
export interface BatchLimit {
  readonly rows: number;
  readonly bytes?: number;
}
export const SERVER_BATCH: BatchLimit = { rows: 500, bytes: 400 * 1024 };
export const LOCAL_BATCH: BatchLimit = { rows: 2000 };

/**
 * An imported file is history: its timestamps are kept as written. `sentAt` would make
 * capture shift them by the time between the original send and now, so it is dropped (and
 * stands in for a missing timestamp).
 */
function keepFileTime(message: Record<string, unknown>): Record<string, unknown> {
  if (message['sentAt'] === undefined) return message;
  const { sentAt, ...rest } = message;
  if (rest['timestamp'] === undefined && rest['originalTimestamp'] === undefined) rest['timestamp'] = sentAt;
  return rest;
}

/** Checks one message as the capture API would, naming the line and field of the first problem. */
export function checkMessage(message: Record<string, unknown>, line: number): void {
  if (!checkSchema(message)) {
    const error = checkSchema.errors![0]!;
    const field = ajvPath(error.instancePath, (error.params as Record<string, unknown>)['missingProperty']);
    throw new WaymarkError('WM_IMPORT_INVALID_ROW', `line ${line}: ${field}`, `line ${line}: ${field || 'message'} ${error.message ?? 'is invalid'}`);
  }
  const result = normalizeMessage(message as SegmentMessage, { projectId: 'check', receivedAt: 0, keyChannel: null, path: '', newId: () => 'check' });
  if (result.kind === 'error') {
    throw new WaymarkError('WM_IMPORT_INVALID_ROW', `line ${line}: ${result.error.path ?? ''}`, `line ${line}: ${result.error.message}`);
  }
}

/**
 * Imports a file in two passes: the first checks every row, so a bad row stops the import
 * before anything is stored; the second sends the rows in batches.
 */
export async function importEvents(options: {
  file: string;
  format: ImportFormat;
  mapping: CsvMapping | null;
  send: SendMessages;
  batch: BatchLimit;
  onProgress?: (phase: 'check' | 'import', done: number, total: number) => void;
}): Promise<ImportResult> {
  const check = readImportFile(options.file, options.format, options.mapping);
  let rows = 0;
  for await (const row of check.rows) {
    checkMessage(row.message, row.line);
    if (++rows % 5000 === 0) options.onProgress?.('check', check.progress(), check.total);
  }
  options.onProgress?.('check', check.total, check.total);

  const send = readImportFile(options.file, options.format, options.mapping);
  let accepted = 0;
  let duplicates = 0;
  let skipped = 0;
  let chunk: Record<string, unknown>[] = [];
  let chunkBytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const outcome = await options.send(chunk);
    accepted += outcome.accepted;
    duplicates += outcome.duplicates;
    skipped += outcome.skipped;
    chunk = [];
    chunkBytes = 0;
    options.onProgress?.('import', send.progress(), send.total);
  };
  const { rows: maxRows, bytes: maxBytes } = options.batch;
  for await (const row of send.rows) {
    const message = keepFileTime(row.message);
    // Measured only against a byte limit: it is about a tenth of a local import's time.
    const size = maxBytes === undefined ? 0 : JSON.stringify(message).length;
    if (chunk.length >= maxRows || (maxBytes !== undefined && chunkBytes + size > maxBytes)) await flush();
    chunk.push(message);
    chunkBytes += size;
  }
  await flush();
  options.onProgress?.('import', send.total, send.total);
  return { rows, accepted, duplicates, skipped };
}
