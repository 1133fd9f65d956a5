import { WaymarkClient } from './client.ts';
import type { WaymarkOptions } from './options.ts';

export { WaymarkClient, VERSION } from './client.ts';
export type { WaymarkOptions, AutocaptureOptions, ReplayOptions } from './options.ts';

let client: WaymarkClient | null = null;
/** Read while the script runs: `document.currentScript` is gone by the time a site calls `init`. */
const LOADED_FROM = scriptOrigin();
/** Calls made before `init` are kept and replayed once it runs (the snippet's stub queue works the same way). */
const early: [keyof WaymarkClient, unknown[]][] = [];

const call =
  <K extends 'track' | 'page' | 'identify' | 'group' | 'alias' | 'reset' | 'optOut' | 'optIn' | 'flush' | 'startReplay'>(method: K) =>
  (...args: Parameters<WaymarkClient[K]>): ReturnType<WaymarkClient[K]> | undefined => {
    if (!client) {
      early.push([method, args]);
      return undefined;
    }
    return (client[method] as (...a: unknown[]) => ReturnType<WaymarkClient[K]>)(...args);
  };

/** Starts capture for a site: `init('wk_...', { host: 'https://waymark.example.com' })`. */
export function init(writeKey: string, options: WaymarkOptions = {}): WaymarkClient {
  if (client) return client;
  client = new WaymarkClient(writeKey, options, LOADED_FROM);
  for (const [method, args] of early.splice(0)) (client[method] as (...a: unknown[]) => unknown)(...args);
  return client;
}

export const track = call('track');
export const page = call('page');
export const identify = call('identify');
export const group = call('group');
export const alias = call('alias');
export const reset = call('reset');
export const optOut = call('optOut');
export const optIn = call('optIn');
export const flush = call('flush');
export const startReplay = call('startReplay');

/** The origin this script was served from: the Waymark server, unless `host` says otherwise. */
function scriptOrigin(): string {
  const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
  try {
    return script?.src ? new URL(script.src).origin : location.origin;
  } catch {
    return location.origin;
  }
}

// The one-line snippet: <script src="https://waymark.example.com/sdk/waymark.js" data-write-key="wk_..." async></script>
if (typeof document !== 'undefined') {
  const script = document.currentScript as HTMLScriptElement | null;
  const writeKey = script?.dataset['writeKey'];
  if (writeKey) {
    init(writeKey, {
      ...(script!.dataset['host'] ? { host: script!.dataset['host'] } : {}),
      ...(script!.dataset['replay'] ? { replay: { sampleRate: Number(script!.dataset['replay']) } } : {}),
    });
  }
}
