import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { estimateEvents, groundTruth, simulate, type GroundTruth, type SegmentMessage, type SimulateOptions } from '@waymark/core';
import type { IngestOutcome } from '../ingest/ingest-pipeline.ts';

/** The demo a first start loads: the online shop, about 20,000 customers over 90 days. */
export const DEFAULT_DEMO = { scenario: 'shop', customers: 20_000, days: 90, seed: 1 } as const;

/** Yesterday (UTC) as the simulator's last day: the demo is current and wholly in the past. */
export const yesterdayUtc = (now = new Date()) => new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);

export type Progress = (done: number, total: number) => void;

const BATCH = 1000;

/**
 * Sends a simulated scenario through `send` in batches of 1,000 messages (the capture
 * pipeline in-process, or a running server's /v1/batch) and returns its ground truth.
 */
export async function loadDemo(
  options: SimulateOptions,
  send: (messages: SegmentMessage[]) => Promise<IngestOutcome>,
  onProgress: Progress = () => undefined,
): Promise<{ truth: GroundTruth; messages: number; accepted: number }> {
  const total = estimateEvents(options);
  let batch: SegmentMessage[] = [];
  let messages = 0;
  let accepted = 0;
  for (const message of simulate(options)) {
    batch.push(message);
    if (batch.length === BATCH) {
      accepted += (await send(batch)).accepted;
      messages += batch.length;
      batch = [];
      onProgress(messages, Math.max(total, messages));
    }
  }
  if (batch.length > 0) accepted += (await send(batch)).accepted;
  messages += batch.length;
  onProgress(messages, messages);
  return { truth: groundTruth(options), messages, accepted };
}

/** Writes a simulated scenario as Segment-format JSON lines, and returns its ground truth. */
export async function writeDemoFile(options: SimulateOptions, file: string, onProgress: Progress = () => undefined): Promise<{ truth: GroundTruth; messages: number }> {
  const total = estimateEvents(options);
  const out = createWriteStream(file);
  let messages = 0;
  let chunk = '';
  for (const message of simulate(options)) {
    chunk += `${JSON.stringify(message)}\n`;
    if (++messages % 5000 === 0) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
      onProgress(messages, Math.max(total, messages));
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  onProgress(messages, messages);
  return { truth: groundTruth(options), messages };
}
