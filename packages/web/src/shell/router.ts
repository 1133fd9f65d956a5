import { useEffect, useState } from 'react';

/**
 * A few routes do not need a router library: the path is the state, `navigate` pushes it and
 * every `useLocation` re-renders. The server answers every app path with index.html.
 */
const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

export function useLocation(): { path: string; params: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { path: location.pathname, params: new URLSearchParams(location.search) };
}

export const SECTIONS = ['map', 'analyses', 'people', 'sessions', 'surveys', 'themes'] as const;
export type Section = (typeof SECTIONS)[number];
const isSection = (value: unknown): value is Section => (SECTIONS as readonly unknown[]).includes(value);

/** `/p/:project/:section/:rest...` */
export interface AppRoute {
  readonly project: string | null;
  readonly section: Section;
  readonly rest: readonly string[];
}

export function parseRoute(path: string): AppRoute {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'p' || !parts[1]) return { project: null, section: 'map', rest: [] };
  const section = isSection(parts[2]) ? parts[2] : 'map';
  return { project: parts[1], section, rest: parts.slice(3) };
}

export const routePath = (project: string, section: AppRoute['section'], ...rest: string[]) =>
  `/p/${[project, section, ...rest].map(encodeURIComponent).join('/')}`;
