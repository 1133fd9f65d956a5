import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAction } from '../shell/use-action.ts';

/** Required before anything else when the password was a one-time one. */
export function ChangePassword({ email, onChanged, onCancel }: { email: string; onChanged: () => void; onCancel?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) {
      setError(new Error('The two new passwords differ'));
      return;
    }
    void run(async () => {
      await api.changePassword(current, next);
      onChanged();
    });
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-label="Choose a new password">
        <h1 className="brand">Waymark</h1>
        <p>
          Choose your own password for <strong>{email}</strong>. The one you signed in with worked only once.
        </p>
        <label>
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus />
        </label>
        <label>
          New password
          <input name="newPassword" type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label>
          New password again
          <input name="repeatPassword" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save password'}
        </button>
        {onCancel && (
          <button type="button" className="link" onClick={onCancel}>
            Sign out
          </button>
        )}
      </form>
    </main>
  );
}
