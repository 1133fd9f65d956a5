/** What a site passes to `init`. Everything but the write key has a default that suits most sites. */
export interface WaymarkOptions {
  /** The Waymark server, e.g. https://waymark.example.com. Default: the origin the script was loaded from. */
  host?: string;
  /** Send when this many events are waiting (default 20). */
  flushAt?: number;
  /** ...or this long after the first waiting event, in ms (default 1000). */
  flushInterval?: number;
  /** Tagless capture; `false` turns all of it off, or pick parts. */
  autocapture?: boolean | Partial<AutocaptureOptions>;
  /** Honour the browser's Do-Not-Track and Global Privacy Control signals (default true): nothing is captured or stored. */
  respectDoNotTrack?: boolean;
  /** Elements matching this selector (and their children) have their text replaced by `***`. */
  maskTextSelector?: string;
  /**
   * Session replay: by default the project's settings in Waymark decide (off until turned on
   * there); `true` records every session, `false` none, or give a sample rate and pages here.
   */
  replay?: boolean | ReplayOptions;
  /** Persist identity and the offline queue in localStorage (default true). */
  persistence?: boolean;
  /** Show the project's in-page surveys when their targeting says so (default true). */
  surveys?: boolean;
}

export interface AutocaptureOptions {
  pageviews: boolean;
  clicks: boolean;
  forms: boolean;
  errors: boolean;
  webVitals: boolean;
}

export interface ReplayOptions {
  /** Share of sessions recorded, 0 to 1 (default 1). */
  sampleRate?: number;
  /** Record only on paths matching one of these regular expressions (default: every page). */
  pages?: string[];
}

export interface ResolvedOptions {
  readonly host: string;
  readonly flushAt: number;
  readonly flushInterval: number;
  readonly autocapture: AutocaptureOptions;
  readonly respectDoNotTrack: boolean;
  readonly maskTextSelector: string;
  /** `project`: ask the server for the project's settings. */
  readonly replay: Required<ReplayOptions> | null | 'project';
  readonly persistence: boolean;
  readonly surveys: boolean;
}

/** Text under these is never sent, whatever the site sets. */
export const ALWAYS_MASKED = '[data-waymark-mask], input, textarea, select, [contenteditable]';

export function resolveOptions(options: WaymarkOptions, scriptOrigin: string): ResolvedOptions {
  const all = options.autocapture !== false;
  const pick = typeof options.autocapture === 'object' ? options.autocapture : {};
  const replay = options.replay === undefined ? 'project' : options.replay === true ? {} : options.replay || null;
  return {
    host: (options.host ?? scriptOrigin).replace(/\/+$/, ''),
    flushAt: Math.max(1, options.flushAt ?? 20),
    flushInterval: Math.max(0, options.flushInterval ?? 1000),
    autocapture: {
      pageviews: all && pick.pageviews !== false,
      clicks: all && pick.clicks !== false,
      forms: all && pick.forms !== false,
      errors: all && pick.errors !== false,
      webVitals: all && pick.webVitals !== false,
    },
    respectDoNotTrack: options.respectDoNotTrack !== false,
    maskTextSelector: options.maskTextSelector ? `${ALWAYS_MASKED}, ${options.maskTextSelector}` : ALWAYS_MASKED,
    replay: replay === 'project' || replay === null ? replay : { sampleRate: Math.min(1, Math.max(0, replay.sampleRate ?? 1)), pages: replay.pages ?? [] },
    persistence: options.persistence !== false,
    surveys: options.surveys !== false,
  };
}
