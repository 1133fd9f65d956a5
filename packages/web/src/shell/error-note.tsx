import { errorText } from '../api/client.ts';

/** An API error as the person reads it: the message, naming the field at fault. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error-note" role="alert">
      {errorText(error)}
    </p>
  );
}
