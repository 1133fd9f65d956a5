import { captureClicks } from './autocapture/clicks.ts';
import type { CaptureContext } from './autocapture/capture.ts';
import { captureErrors } from './autocapture/errors.ts';
import { captureForms } from './autocapture/forms.ts';
import { capturePageviews } from './autocapture/pages.ts';
import { captureWebVitals } from './autocapture/vitals.ts';
import { resolveOptions, type ReplayOptions, type ResolvedOptions, type WaymarkOptions } from './options.ts';
import { Queue } from './queue.ts';
import { Replay } from './replay.ts';
import { SafeStorage, uuid } from './storage.ts';
import { Surveys } from './surveys/surveys.ts';

export const VERSION = '0.1.0';
/** Read once: asking Intl on every event costs more than the rest of the event. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

type Properties = Record<string, unknown>;

const doNotTrack = (): boolean => {
  const n = navigator as Navigator & { globalPrivacyControl?: boolean; msDoNotTrack?: string };
  const w = window as Window & { doNotTrack?: string };
  return n.globalPrivacyControl === true || n.doNotTrack === '1' || n.doNotTrack === 'yes' || w.doNotTrack === '1' || n.msDoNotTrack === '1';
};

/**
 * One site's tracker: identity (anonymous id, user id, traits, kept in localStorage), the
 * Segment-style calls, tagless capture and, when asked, session replay. Nothing is captured
 * or stored after an opt-out, or when the browser asks not to be tracked.
 */
export class WaymarkClient {
  readonly options: ResolvedOptions;
  readonly #writeKey: string;
  readonly #storage: SafeStorage;
  readonly #queue: Queue;
  readonly #disabled: boolean;
  #anonymousId: string;
  #userId: string | null;
  #traits: Properties;
  #groupId: string | null;
  #replay: Replay | null = null;
  #surveys: Surveys | null = null;
  readonly #hideListeners: (() => void)[] = [];
  readonly #routeListeners: ((previousPath: string) => void)[] = [];
  #referrer = document.referrer;

  constructor(writeKey: string, options: WaymarkOptions = {}, scriptOrigin = location.origin) {
    if (typeof writeKey !== 'string' || writeKey === '') throw new TypeError('waymark.init: writeKey must be a non-empty string');
    this.options = resolveOptions(options, scriptOrigin);
    this.#writeKey = writeKey;
    this.#disabled = this.options.respectDoNotTrack && doNotTrack();
    this.#storage = new SafeStorage(this.options.persistence && !this.#disabled);
    this.#queue = new Queue(this.options.host, writeKey, this.#storage, this.options.flushAt, this.options.flushInterval);
    this.#anonymousId = this.#storage.get('wm_anonymous_id') ?? this.#newAnonymousId();
    this.#userId = this.#storage.get('wm_user_id');
    this.#traits = this.#storage.getJson<Properties>('wm_traits') ?? {};
    this.#groupId = this.#storage.get('wm_group_id');
    if (this.#disabled || this.optedOut) return;
    this.#startCapture();
  }

  get anonymousId(): string {
    return this.#anonymousId;
  }

  get userId(): string | null {
    return this.#userId;
  }

  get optedOut(): boolean {
    return this.#storage.get('wm_opt_out') === '1';
  }

  track(event: string, properties: Properties = {}): void {
    if (typeof event !== 'string' || event === '') throw new TypeError('waymark.track: event must be a non-empty string');
    this.#send({ type: 'track', event, properties });
  }

  page(name?: string, properties: Properties = {}): void {
    const page = this.#pageContext();
    this.#send({ type: 'page', ...(name ? { name } : {}), properties: { ...page, ...properties } });
    this.#referrer = page.url;
  }

  identify(userId?: string | null, traits: Properties = {}): void {
    if (userId !== undefined && userId !== null && (typeof userId !== 'string' || userId === '')) throw new TypeError('waymark.identify: userId must be a non-empty string');
    if (userId) {
      this.#userId = userId;
      this.#storage.set('wm_user_id', userId);
    }
    this.#traits = { ...this.#traits, ...traits };
    this.#storage.set('wm_traits', JSON.stringify(this.#traits));
    this.#send({ type: 'identify', traits });
  }

  group(groupId: string, traits: Properties = {}): void {
    if (typeof groupId !== 'string' || groupId === '') throw new TypeError('waymark.group: groupId must be a non-empty string');
    this.#groupId = groupId;
    this.#storage.set('wm_group_id', groupId);
    this.#send({ type: 'group', groupId, traits });
  }

  alias(userId: string, previousId: string = this.#userId ?? this.#anonymousId): void {
    this.#send({ type: 'alias', userId, previousId });
  }

  /** Logs out: a new anonymous id, and no user id, traits or group. */
  reset(): void {
    this.#userId = null;
    this.#traits = {};
    this.#groupId = null;
    for (const key of ['wm_user_id', 'wm_traits', 'wm_group_id']) this.#storage.remove(key);
    this.#newAnonymousId();
  }

  /** Stops capture and forgets what is waiting; remembered in this browser until `optIn`. */
  optOut(): void {
    this.#storage.set('wm_opt_out', '1');
    this.#queue.clear();
    this.#replay?.stop();
  }

  optIn(): void {
    this.#storage.remove('wm_opt_out');
  }

  flush(): Promise<void> {
    return this.#queue.flush();
  }

  /** Starts recording this session now, whatever the sampling said. */
  async startReplay(): Promise<void> {
    if (this.#disabled || this.optedOut) return;
    this.#replay ??= new Replay(this.options.host, this.#writeKey, this.#storage, () => this.#anonymousId, this.options.maskTextSelector);
    await this.#replay.start();
  }

  #startCapture(): void {
    const { autocapture } = this.options;
    if (this.options.surveys) this.#surveys = new Surveys(this.options.host, () => ({ writeKey: this.#writeKey, anonymousId: this.#anonymousId, userId: this.#userId }));
    const ctx: CaptureContext = {
      options: this.options,
      capture: (event, properties, at) => this.#send({ type: 'track', event, properties }, at),
      page: (properties) => this.page(undefined, properties),
      onRouteChange: (listener) => this.#routeListeners.push(listener),
      onHide: (listener) => this.#hideListeners.push(listener),
    };
    if (autocapture.clicks) captureClicks(ctx);
    if (autocapture.forms) captureForms(ctx);
    if (autocapture.errors) captureErrors(ctx);
    if (autocapture.webVitals) captureWebVitals(ctx);
    if (autocapture.pageviews) capturePageviews(ctx, (previous) => this.#routeListeners.forEach((l) => l(previous)));
    void this.#replaySettings().then((settings) => {
      if (settings && Replay.wanted(settings, this.#storage)) return this.startReplay();
    }).catch(() => undefined);

    // Registered last, so web-vitals' own hide handlers have reported the final values first.
    let hidden = false;
    const hide = () => {
      if (hidden) return;
      hidden = true;
      for (const listener of this.#hideListeners) listener();
      // Events first: the browser caps what all beacons and keepalive requests of a page carry
      // at once (64 KB in Chromium), and a recording's last chunk can take most of it.
      this.#queue.beacon();
      void this.#replay?.flush(true);
    };
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') hide();
      else hidden = false;
    });
    window.addEventListener('pagehide', hide);
    window.addEventListener('online', () => void this.#queue.flush());
  }

  /** The site's replay options, or the project's settings from the server (remembered for ten minutes). */
  async #replaySettings(): Promise<Required<ReplayOptions> | null> {
    if (this.options.replay !== 'project') return this.options.replay;
    const cached = this.#storage.getJson<{ at: number; settings: (Required<ReplayOptions> & { enabled: boolean }) | null }>('wm_replay_settings');
    if (cached && Date.now() - cached.at < 10 * 60_000) return cached.settings?.enabled ? cached.settings : null;
    const response = await fetch(`${this.options.host}/v1/replay/settings`, { method: 'POST', body: JSON.stringify({ writeKey: this.#writeKey }), headers: { 'Content-Type': 'text/plain' } });
    const settings = response.ok ? ((await response.json()) as Required<ReplayOptions> & { enabled: boolean }) : null;
    this.#storage.set('wm_replay_settings', JSON.stringify({ at: Date.now(), settings }));
    return settings?.enabled ? settings : null;
  }

  #send(message: Properties & { type: string }, at = new Date()): void {
    if (this.#disabled || this.optedOut) return;
    if (message.type === 'track' || message.type === 'page') {
      this.#surveys?.afterEvent(message.type === 'page' ? '$page' : String(message['event']), (message['properties'] as Properties | undefined) ?? {});
    }
    const page = this.#pageContext();
    this.#queue.push({
      ...message,
      messageId: uuid(),
      anonymousId: this.#anonymousId,
      ...(this.#userId ? { userId: this.#userId } : {}),
      timestamp: at.toISOString(),
      context: {
        library: { name: '@waymark/sdk-web', version: VERSION },
        channel: 'web',
        page,
        userAgent: navigator.userAgent,
        locale: navigator.language,
        timezone: TIME_ZONE,
        screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
        ...(this.#groupId ? { groupId: this.#groupId } : {}),
      },
    });
  }

  #pageContext() {
    return { path: location.pathname, url: location.href, search: location.search, title: document.title, referrer: this.#referrer };
  }

  #newAnonymousId(): string {
    this.#anonymousId = uuid();
    this.#storage.set('wm_anonymous_id', this.#anonymousId);
    return this.#anonymousId;
  }
}
