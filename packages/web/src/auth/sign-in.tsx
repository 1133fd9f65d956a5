import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAction } from '../shell/use-action.ts';

/** The first screen without a session. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api.login(email, password);
      onSignedIn();
    });
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-label="Sign in">
        <h1 className="brand">Waymark</h1>
        <p className="muted">Sign in to your journey maps.</p>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">First start? The server printed the owner's email and a one-time password.</p>
      </form>
    </main>
  );
}
