import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { WaymarkError } from '@waymark/core';
import { checkColumns, mapRecord, type CsvMapping } from './csv-mapping.ts';

export const IMPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportRow {
  readonly line: number;
  readonly message: Record<string, unknown>;
}

/** The format a file name implies (`.jsonl`, `.ndjson`, `.json`, `.csv`, each optionally `.gz`). */
export function formatOf(file: string): ImportFormat | null {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

/**
 * Reads Segment messages from a JSON-lines or CSV file (gzip allowed), with a running count of
 * the bytes read so far for a progress bar.
 */
export function readImportFile(file: string, format: ImportFormat, mapping: CsvMapping | null) {
  const total = statSync(file).size;
  let read = 0;
  const raw = createReadStream(file);
  raw.on('data', (chunk) => (read += chunk.length));
  const input: Readable = file.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  return {
    total,
    progress: () => read,
    rows: format === 'jsonl' ? jsonLines(input) : csvRows(input, mapping!),
  };
}

async function* jsonLines(input: Readable): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      throw new WaymarkError('WM_IMPORT_INVALID_ROW', `line ${line}`, `line ${line} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new WaymarkError('WM_IMPORT_INVALID_ROW', `line ${line}`, `line ${line} is not a JSON object`);
    }
    yield { line, message: message as Record<string, unknown> };
  }
}

async function* csvRows(input: Readable, mapping: CsvMapping): AsyncGenerator<ImportRow> {
  let header: string[] | null = null;
  let line = 1;
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (header === null) {
      header = cells;
      checkColumns(mapping, header);
      continue;
    }
    line++;
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = cells[i] ?? '';
    yield { line, message: mapRecord(mapping, record, line) };
  }
}
