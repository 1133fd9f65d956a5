import type { JourneyMap, JourneyTouchpoint } from '@waymark/core';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { analysisPath } from '../analyses/analysis-link.ts';
import { CommentsPanel } from '../editor/comments-panel.tsx';
import * as edits from '../editor/map-edits.ts';
import { VersionsPanel } from '../editor/versions-panel.tsx';
import { ExportMenu } from '../export/export-menu.tsx';
import { StageFrictionBadge, TouchpointFrictionBadge } from '../friction/friction-badge.tsx';
import { FrictionPanel } from '../friction/friction-panel.tsx';
import { useFriction } from '../friction/use-friction.ts';
import { VoiceChip } from '../voice/voice-chip.tsx';
import { Dialog } from '../shell/dialog.tsx';
import { ErrorNote } from '../shell/error-note.tsx';
import { navigate, routePath, useLocation } from '../shell/router.ts';
import { useApp } from '../shell/session-context.ts';
import { useAsync } from '../shell/use-async.ts';
import { ChangedBadge } from './changed-badge.tsx';
import { rangeFromParams, rangeInterval, rangeParams, type DateRange } from './date-range.ts';
import { comparedWith } from './compared-with.ts';
import { GoalBar } from './goal-bar.tsx';
import { MapGrid, type GridActions, type GridOverlays } from './map-grid.tsx';
import { NewJourney } from './new-journey.tsx';
import { PersonsPicker, RangePicker } from './map-toolbar.tsx';
import { useChangesSinceLastLook, useComments } from './use-journey.ts';

// The editor loads when first opened: viewers and readers of the map never download it.
const TouchpointEditor = lazy(() => import('../editor/touchpoint-editor.tsx').then((m) => ({ default: m.TouchpointEditor })));

type Dialog = { kind: 'touchpoint'; stageId: string; touchpoint?: JourneyTouchpoint } | { kind: 'friction'; touchpointId: string } | { kind: 'comments'; target: string; label: string } | { kind: 'versions' } | { kind: 'new' } | null;

/** The first screen: the living journey map, its numbers for a persona (or cohort) and range, and its editor. */
export function MapScene({ journeyId: routeJourney }: { journeyId: string | undefined }) {
  const { project, canEdit } = useApp();
  const { params } = useLocation();
  const range = rangeFromParams(params, project.timeZone);
  const persona = params.get('persona') ?? '';
  const cohort = params.get('cohort') ?? '';
  const showFriction = params.get('friction') === '1';
  const list = useAsync(() => api.journeys(project.slug), [project.slug]);
  const cohorts = useAsync(() => api.cohorts(project.slug), [project.slug]);
  const journeyId = routeJourney ?? list.data?.journeys[0]?.id;
  const journey = useAsync(journeyId ? () => api.journey(project.slug, journeyId) : null, [project.slug, journeyId]);
  const version = journey.data?.version;
  // Tagged with the question they answer: numbers of another range, persona, cohort or version
  // (just before a refetch starts, or after a save) are never shown as these.
  const question = JSON.stringify([journeyId, version, range.from, range.to, persona, cohort]);
  const only = { persona: persona || undefined, cohort: cohort || undefined };
  const answer = useAsync(
    journeyId && version !== undefined
      ? () => api.numbers(project.slug, journeyId, { from: range.from, to: range.to, ...only, interval: rangeInterval(range) }).then((n) => ({ question, n }))
      : null,
    [question, project.slug],
  );
  const [savedVersion, setSavedVersion] = useState(0);
  const numbersReady = !answer.loading && answer.data?.question === question && (version ?? 0) >= savedVersion;
  const numbers = numbersReady ? answer.data!.n : undefined;
  const friction = useFriction(project.slug, journeyId, version, range, only, showFriction);
  // Measured emotions: a map without survey answers (or a server without surveys) keeps its cards.
  const voice = useAsync(journeyId ? () => api.voice(project.slug, journeyId, { from: range.from, to: range.to }).catch(() => undefined) : null, [project.slug, journeyId, version, range.from, range.to]);
  const changes = useChangesSinceLastLook(project.slug, journeyId, version, journey.data?.lastSeenVersion);
  const comments = useComments(project.slug, journeyId);
  const [draft, setDraft] = useState<JourneyMap | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const mapElement = useRef<HTMLDivElement>(null);

  const setQuery = (next: { range?: DateRange; persona?: string; cohort?: string; friction?: boolean }) => {
    const query = new URLSearchParams({ ...rangeParams(next.range ?? range) });
    const p = next.persona ?? persona;
    if (p) query.set('persona', p);
    const c = next.cohort ?? cohort;
    if (c) query.set('cohort', c);
    if (next.friction ?? showFriction) query.set('friction', '1');
    navigate(`${location.pathname}?${query}`, { replace: true });
  };

  const map = draft ?? journey.data?.map;
  const changedIds = useMemo(() => new Set(changes?.changes.map((c) => c.id) ?? []), [changes]);

  if (list.error) return <ErrorNote error={list.error} />;
  if (list.loading && !list.data) return <div className="empty-state">Loading journey maps…</div>;
  if (!journeyId)
    return (
      <section aria-label="Map your first journey">
        <h2 className="empty-title">Map your first journey</h2>
        <NewJourney project={project.slug} canEdit={canEdit} onCreated={(id) => (list.reload(), navigate(routePath(project.slug, 'map', id)))} />
      </section>
    );
  if (journey.error && !journey.data) return <ErrorNote error={journey.error} />;
  if (!map || !journey.data) return <div className="empty-state">Loading the map…</div>;
  const current = journey.data;
  const editing = draft !== null;
  const change = (next: JourneyMap) => setDraft(next);

  async function save() {
    if (!draft) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await api.saveJourney(project.slug, current.id, draft, current.version);
      // One's own edit is not news: the next visit compares from this version.
      await api.markSeen(project.slug, current.id, saved.version).catch(() => undefined);
      setSavedVersion(saved.version);
      setDraft(null);
      journey.reload();
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(true);
      else setSaveError(e);
    } finally {
      setSaving(false);
    }
  }

  // The analyses behind a cell count the same persons as the map.
  const open = (target: Parameters<typeof analysisPath>[1]) => navigate(analysisPath(project.slug, { ...target, ...(cohort && { cohort }) }));
  const comment = (target: string, label: string) => setDialog({ kind: 'comments', target, label });
  const actions: GridActions = {
    stage: {
      onOpen: (stage) => open({ kind: 'funnel', journey: current.id, stage: stage.id, persona, range }),
      onComment: comment,
      commentCount: comments.count,
      ...(editing && {
        onRename: (id, name) => change(edits.updateStage(draft, id, { name })),
        onMove: (id, by) => change(edits.moveStage(draft, id, by)),
        onDelete: (id) => change(edits.deleteStage(draft, id)),
      }),
    },
    touchpoint: {
      onOpen: (t) => open({ kind: 'paths', journey: current.id, touchpoint: t.id, persona, range }),
      onOpenKpi: (t) => open({ kind: 'trends', journey: current.id, touchpoint: t.id, persona, range }),
      onVoice: (t) => navigate(`${routePath(project.slug, 'themes')}?${new URLSearchParams({ journey: current.id, touchpoint: t.id, ...rangeParams(range) })}`),
      onComment: comment,
      commentCount: comments.count,
      ...(editing && {
        onEdit: (t) => setDialog({ kind: 'touchpoint', stageId: t.stageId, touchpoint: t }),
        onMove: (t, d) => change(edits.moveTouchpoint(draft, t.id, d)),
        onDelete: (t) => confirm(`Delete the touchpoint "${t.name}"?`) && change(edits.deleteTouchpoint(draft, t.id)),
      }),
    },
    lane: {
      onComment: comment,
      commentCount: comments.count,
      ...(editing && {
        onAdd: (lane, stageId) => change(edits.addCard(draft, lane, stageId, 'New card', lane === 'emotions' ? 0 : undefined).map),
        onUpdate: (id, patch) => change(edits.updateCard(draft, id, patch)),
        onMove: (id, by) => change(edits.moveCard(draft, id, by)),
        onDelete: (id) => change(edits.deleteCard(draft, id)),
      }),
    },
    ...(editing && {
      onAddTouchpoint: (stage) => setDialog({ kind: 'touchpoint', stageId: stage.id }),
      onAddStage: () => {
        const name = prompt('Name of the new stage');
        if (name?.trim()) change(edits.addStage(draft, name.trim()));
      },
    }),
  };

  const overlays: GridOverlays = {
    voice: voice.data,
    touchpoint: (t) => (
      <>
        <VoiceChip voice={voice.data?.touchpoints.find((v) => v.touchpointId === t.id)} />
        {showFriction && <TouchpointFrictionBadge friction={friction.index?.touchpoints.get(t.id)} name={t.name} onOpen={() => setDialog({ kind: 'friction', touchpointId: t.id })} />}
      </>
    ),
    ...(showFriction && { stage: (s: { id: string }) => <StageFrictionBadge friction={friction.index?.stages.get(s.id)} /> }),
  };
  const frictionOf = dialog?.kind === 'friction' ? friction.index?.touchpoints.get(dialog.touchpointId) : undefined;

  return (
    <div className="map-scene">
      <div className="toolbar">
        <select
          aria-label="Journey map"
          value={current.id}
          onChange={(e) => navigate(`${routePath(project.slug, 'map', e.target.value)}${location.search}`)}
          disabled={editing}
        >
          {list.data?.journeys.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
        <span className="muted small">v{current.version}</span>
        {changes && <ChangedBadge since={changes.since} changes={changes.changes} />}
        <span className="spacer" />
        <PersonsPicker caption="Persona" choices={map.personas} value={persona} onChange={(p) => setQuery({ persona: p })} />
        <PersonsPicker caption="Cohort" choices={cohorts.data?.cohorts} value={cohort} onChange={(c) => setQuery({ cohort: c })} />
        <RangePicker range={range} onChange={(r) => setQuery({ range: r })} />
        <button type="button" className={showFriction ? 'segmented active toggle' : 'toggle'} aria-pressed={showFriction} onClick={() => setQuery({ friction: !showFriction })} title="Friction signals on every touchpoint and stage">
          Friction
        </button>
        <span className="spacer" />
        {canEdit && !editing && (
          <button type="button" onClick={() => setDraft(structuredClone(current.map))}>
            Edit map
          </button>
        )}
        {editing && (
          <>
            <button type="button" className="primary" onClick={save} disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" onClick={() => (setDraft(null), setSaveError(null))}>
              Cancel
            </button>
          </>
        )}
        <button type="button" onClick={() => setDialog({ kind: 'versions' })}>
          History
        </button>
        {canEdit && !editing && (
          <button type="button" onClick={() => setDialog({ kind: 'new' })}>
            New map
          </button>
        )}
        <ExportMenu project={project.slug} journeyId={current.id} name={current.name} target={mapElement} />
      </div>
      {conflict && (
        <div className="banner warning" role="alert">
          Someone saved a newer version of this map while you were editing. Your changes cannot be saved on top of it.
          <button
            type="button"
            onClick={() => {
              setConflict(false);
              setDraft(null);
              journey.reload();
            }}
          >
            Reload the latest version
          </button>
        </div>
      )}
      <ErrorNote error={saveError} />
      {answer.error ? <ErrorNote error={answer.error} /> : null}
      {showFriction && friction.error ? <ErrorNote error={friction.error} /> : null}
      <div ref={mapElement} className="map-export-area" data-from={range.from} data-to={range.to} data-loaded={numbersReady ? 'true' : 'false'} data-friction={showFriction ? (friction.ready ? 'loaded' : 'loading') : 'off'}>
        <GoalBar goal={map.goal} numbers={numbers?.goal} against={comparedWith(numbers)} onComment={() => comment('goal', map.goal.name)} commentCount={comments.count('goal')} />
        <div className={`map-scroll${numbersReady ? '' : ' refreshing'}`}>
          <MapGrid map={map} numbers={numbers} changedIds={changedIds} actions={actions} overlays={overlays} />
        </div>
      </div>
      {dialog?.kind === 'touchpoint' && draft && (
        <Suspense fallback={null}>
        <TouchpointEditor
          project={project.slug}
          range={range}
          touchpoint={dialog.touchpoint}
          onCancel={() => setDialog(null)}
          onSave={(input) => {
            change(dialog.touchpoint ? edits.updateTouchpoint(draft, dialog.touchpoint.id, input) : edits.addTouchpoint(draft, dialog.stageId, input).map);
            setDialog(null);
          }}
        />
        </Suspense>
      )}
      {dialog?.kind === 'friction' && frictionOf && (
        <FrictionPanel project={project.slug} journeyId={current.id} friction={frictionOf} range={range} only={only} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'comments' && (
        <CommentsPanel project={project.slug} journeyId={current.id} target={dialog.target} label={dialog.label} comments={comments.comments} onChanged={comments.reload} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'new' && (
        <Dialog title="New journey map" onClose={() => setDialog(null)}>
          <NewJourney
            project={project.slug}
            canEdit={canEdit}
            onCreated={(id) => {
              setDialog(null);
              list.reload();
              navigate(routePath(project.slug, 'map', id));
            }}
          />
        </Dialog>
      )}
      {dialog?.kind === 'versions' && (
        <VersionsPanel
          project={project.slug}
          journeyId={current.id}
          current={current.version}
          canRestore={canEdit && !editing}
          onRestored={() => {
            setDialog(null);
            journey.reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
