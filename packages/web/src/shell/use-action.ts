import { useCallback, useState } from 'react';

/**
 * A user action that calls the server: whether it is running, and its error (cleared when it
 * runs again). `run` resolves either way, so a handler needs no try/catch of its own.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
