import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

/**
 * Runs `load` whenever `deps` change and keeps the last answer; an answer that arrives after
 * the inputs changed again is dropped, so a slow request never overwrites a newer one. The
 * superseded load's `signal` is aborted, so a request that passes it on stops.
 */
export function useAsync<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: load !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) return;
    let current = true;
    const superseded = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(superseded.signal).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
      superseded.abort();
    };
    // `load` is a new closure every render; `deps` say when it asks something new.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** The value once it has stopped changing for `ms`: for requests made while someone types. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
