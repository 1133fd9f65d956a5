import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { JourneyComment } from '../api/types.ts';
import { Dialog } from '../shell/dialog.tsx';
import { ErrorNote } from '../shell/error-note.tsx';

/** The conversation on one cell of the map (a touchpoint, stage, KPI, card or the goal). */
export function CommentsPanel({ project, journeyId, target, label, comments, onChanged, onClose }: {
  project: string; journeyId: string; target: string; label: string; comments: readonly JourneyComment[]; onChanged: () => void; onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const mine = comments.filter((c) => c.target === target);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.addComment(project, journeyId, target, text.trim());
      setText('');
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  async function remove(id: string) {
    try {
      await api.deleteComment(project, journeyId, id);
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Dialog title={`Comments: ${label}`} onClose={onClose}>
      <ul className="comments">
        {mine.length === 0 && <li className="muted">No comments yet.</li>}
        {mine.map((c) => (
          <li key={c.id}>
            <div className="small muted">
              {c.author} · {new Date(c.createdAt).toLocaleString()}
            </div>
            <p>{c.text}</p>
            <button type="button" className="link danger small" onClick={() => remove(c.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="editor-form">
        <label>
          Add a comment
          <textarea rows={3} required maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={!text.trim()}>
          Comment
        </button>
      </form>
    </Dialog>
  );
}
