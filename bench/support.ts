import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** Peak resident memory of a process, in MB (Linux). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The middle value (the upper one of an even count). */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A realistic web event as a Segment message: ~450 bytes of JSON. */
export function sampleEvent(i: number, stamp: string): Record<string, unknown> {
  return {
    type: 'track',
    messageId: `m-${i}`,
    anonymousId: `anon-${i % 5000}`,
    userId: i % 3 === 0 ? `user-${i % 5000}` : null,
    event: i % 4 === 0 ? 'Product Viewed' : '$click',
    timestamp: stamp,
    properties: { path: '/products/sku-123', selector: 'main > div.card:nth-child(3) > button.add', text: 'Add to cart', price: 19.99, currency: 'EUR' },
    context: {
      channel: 'web',
      library: { name: 'waymark-sdk-web', version: '0.1.0' },
      page: { path: '/products/sku-123', url: 'https://shop.example.com/products/sku-123', title: 'Linen shirt' },
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
      locale: 'en-GB',
    },
  };
}

/** CPU seconds (user + system) a process has used so far (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * A bench's `--name value` options, each with its default. An unknown option, or one given
 * without its value, stops the bench with the option's name (node's parseArgs).
 */
export function benchOptions<K extends string>(defaults: Record<K, string>): Record<K, string> {
  const options = Object.fromEntries(Object.entries<string>(defaults).map(([name, value]) => [name, { type: 'string', default: value }] as const));
  return parseArgs({ options, strict: true, allowPositionals: false }).values as Record<K, string>;
}

/** An option's value as a positive whole number. */
export function wholeNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name}: expected a positive whole number, got "${value}"`);
  return n;
}

/** An option's value as comma-separated positive whole numbers. */
export const wholeNumbers = (name: string, value: string): number[] => value.split(',').map((part) => wholeNumber(name, part));
