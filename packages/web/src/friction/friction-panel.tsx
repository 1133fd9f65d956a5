import type { FrictionKind } from '@waymark/core';
import { useState } from 'react';
import { api, type OnlyPersons } from '../api/client.ts';
import type { TouchpointFriction } from '../api/insight-types.ts';
import { formatCount, formatPercent } from '../map/format.ts';
import { Dialog } from '../shell/dialog.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { navigate, routePath } from '../shell/router.ts';
import { useAsync } from '../shell/use-async.ts';
import { formatScore, frictionLevel, KIND_LABELS, kindCount, kindLines, LEVEL_LABELS } from './friction-data.ts';

interface Props {
  readonly project: string;
  readonly journeyId: string;
  readonly friction: TouchpointFriction;
  readonly range: { readonly from: string; readonly to: string };
  /** The map's persona or cohort: their sessions only, as the badge counts. */
  readonly only: OnlyPersons;
  readonly onClose: () => void;
}

/** The friction of one touchpoint: each signal's numbers, and the sessions behind them, each opening its replay. */
export function FrictionPanel({ project, journeyId, friction, range, only, onClose }: Props) {
  const [kind, setKind] = useState<FrictionKind | null>(null);
  const sessions = useAsync(
    () => api.frictionSessions(project, { journey: journeyId, touchpoint: friction.touchpointId, kind: kind ?? undefined, from: range.from, to: range.to, ...only }),
    [project, journeyId, friction.touchpointId, kind, range.from, range.to, only.persona, only.cohort],
  );
  const lines = kindLines(friction.signals);
  const level = frictionLevel(friction.score);
  const open = (path: string) => navigate(path);
  return (
    <Dialog title={`Friction at ${friction.name}`} onClose={onClose} wide>
      <p>
        <span className={`friction-badge friction-${level} inline`}>
          {LEVEL_LABELS[level]} · score {formatScore(friction.score)}
        </span>{' '}
        <span className="muted">
          {formatCount(friction.visits)} {friction.visits === 1 ? 'session' : 'sessions'} reached this touchpoint.
        </span>
      </p>
      {lines.length === 0 ? (
        <p className="muted">No friction signal here in this range.</p>
      ) : (
        <table className="table friction-table" aria-label={`Friction signals at ${friction.name}`}>
          <thead>
            <tr>
              <th>Signal</th>
              <th>Signals</th>
              <th>Sessions</th>
              <th>Persons</th>
              <th>Share of visits</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.kind} data-kind={l.kind} className={kind === l.kind ? 'selected' : ''}>
                <td>{l.label}</td>
                <td data-field="count">{formatCount(l.count)}</td>
                <td>
                  <button type="button" className="link" data-field="sessions" onClick={() => setKind(kind === l.kind ? null : l.kind)} aria-label={`${l.sessions} sessions with ${l.label}`}>
                    {formatCount(l.sessions)}
                  </button>
                </td>
                <td data-field="persons">{formatCount(l.persons)}</td>
                <td>{formatPercent(l.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <h3>{kind ? `Sessions with ${KIND_LABELS[kind]}` : 'Sessions with friction here'}</h3>
        {kind && (
          <button type="button" className="link" onClick={() => setKind(null)}>
            all signals
          </button>
        )}
        <span className="spacer" />
        <a
          href={`${routePath(project, 'themes')}?journey=${encodeURIComponent(journeyId)}&touchpoint=${encodeURIComponent(friction.touchpointId)}`}
          onClick={(e) => {
            e.preventDefault();
            open(`${routePath(project, 'themes')}?journey=${encodeURIComponent(journeyId)}&touchpoint=${encodeURIComponent(friction.touchpointId)}`);
          }}
        >
          What customers say here
        </a>
      </div>
      <ErrorNote error={sessions.error} />
      {sessions.loading && <p className="muted">Loading the sessions…</p>}
      {sessions.data && (
        <ul className="friction-sessions" aria-label="Sessions with friction" data-loaded={sessions.loading ? 'false' : 'true'}>
          {sessions.data.sessions.map((s) => (
            <li key={s.sessionId} data-session={s.sessionId}>
              <a
                href={routePath(project, 'sessions', s.sessionId)}
                onClick={(e) => {
                  e.preventDefault();
                  open(routePath(project, 'sessions', s.sessionId));
                }}
              >
                ▶ Replay {s.sessionId.slice(0, 16)}
              </a>
              <span className="muted small">{new Date(s.start).toLocaleString()}</span>
              <span className="small">{s.personId}</span>
              <span className="small">
                {Object.entries(s.signals)
                  .map(([k, n]) => kindCount(k as FrictionKind, n))
                  .join(' · ')}
              </span>
            </li>
          ))}
          {sessions.data.sessions.length === 0 && <li className="muted">No session.</li>}
        </ul>
      )}
    </Dialog>
  );
}
