import { api } from '../api/client.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAction } from '../shell/use-action.ts';

const TEMPLATES = [
  { id: 'shop', name: 'Online shop' },
  { id: 'saas', name: 'SaaS product' },
  { id: 'patient_care', name: 'Patient care' },
  { id: 'travel', name: 'Travel booking' },
  { id: 'home_security', name: 'Home security' },
] as const;

/** The empty state of a project without maps: start from a template, or blank. */
export function NewJourney({ project, canEdit, onCreated }: { project: string; canEdit: boolean; onCreated: (id: string) => void }) {
  const { busy, error, run } = useAction();
  const create = (body: Parameters<typeof api.createJourney>[1]) => run(async () => onCreated((await api.createJourney(project, body)).id));
  if (!canEdit) return <div className="empty-state">This project has no journey map yet. An editor or owner can create one.</div>;
  return (
    <div className="empty-state">
      <p>Start from a template whose touchpoints are already bound to common events, or from a blank map.</p>
      <div className="row" style={{ justifyContent: 'center', marginTop: 12 }}>
        {TEMPLATES.map((t) => (
          <button key={t.id} type="button" disabled={busy} onClick={() => create({ template: t.id })}>
            {t.name}
          </button>
        ))}
        <button type="button" disabled={busy} onClick={() => create({ blank: { id: `journey-${Date.now().toString(36)}`, name: 'New journey' } })}>
          Blank map
        </button>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
