import { lazy, Suspense, useEffect, useMemo } from 'react';
import { api, ApiError, SIGNED_OUT } from './api/client.ts';
import { ChangePassword } from './auth/change-password.tsx';
import { SignIn } from './auth/sign-in.tsx';
import { MapScene } from './map/map-scene.tsx';
import { ErrorNote } from './shell/error-note.tsx';
import { Layout } from './shell/layout.tsx';
import { navigate, parseRoute, routePath, useLocation } from './shell/router.ts';
import { SessionContext } from './shell/session-context.ts';
import { useAsync } from './shell/use-async.ts';

// The map is the first screen; the analyses and people pages load when first opened.
const AnalysesScene = lazy(() => import('./analyses/analyses-scene.tsx').then((m) => ({ default: m.AnalysesScene })));
const PeopleScene = lazy(() => import('./people/people-scene.tsx').then((m) => ({ default: m.PeopleScene })));
// The replay player (rrweb) is the heaviest view: its own chunk, fetched when a replay opens.
const ReplayScene = lazy(() => import('./replay/replay-scene.tsx').then((m) => ({ default: m.ReplayScene })));
const SurveysScene = lazy(() => import('./surveys/surveys-scene.tsx').then((m) => ({ default: m.SurveysScene })));
const ThemesScene = lazy(() => import('./voice/themes-scene.tsx').then((m) => ({ default: m.ThemesScene })));

/** Who is signed in decides the screen: sign-in, the forced password change, or the app. */
export function App() {
  const { path } = useLocation();
  const session = useAsync(() => api.me(), []);
  const route = parseRoute(path);
  const { reload } = session;
  useEffect(() => {
    window.addEventListener(SIGNED_OUT, reload);
    return () => window.removeEventListener(SIGNED_OUT, reload);
  }, [reload]);
  const project = useMemo(() => {
    const projects = session.data?.projects ?? [];
    return projects.find((p) => p.slug === route.project || p.id === route.project) ?? projects[0];
  }, [session.data, route.project]);
  // `/` and a project the member cannot see lead to a project they can, keeping the rest of the path.
  const canonical = project && !session.data?.member.mustChangePassword && route.project !== project.slug ? routePath(project.slug, route.section, ...route.rest) + location.search : null;
  useEffect(() => {
    if (canonical) navigate(canonical, { replace: true });
  }, [canonical]);

  const signOut = async () => {
    await api.logout().catch(() => undefined);
    navigate('/', { replace: true });
    session.reload();
  };

  if (session.loading && !session.data) return <div className="loading-page">Loading…</div>;
  if (session.error instanceof ApiError && session.error.status === 401) return <SignIn onSignedIn={session.reload} />;
  if (session.error && !session.data) return <ErrorNote error={session.error} />;
  const data = session.data!;
  if (data.member.mustChangePassword) return <ChangePassword email={data.member.email} onChanged={session.reload} onCancel={signOut} />;
  if (!project) return <div className="loading-page">You are not a member of any project yet.</div>;
  const context = { session: data, project, canEdit: data.member.role !== 'viewer' };
  return (
    <SessionContext.Provider value={context}>
      <Layout session={data} project={project} route={route} onSignOut={signOut}>
        {route.section === 'map' && <MapScene key={project.id} journeyId={route.rest[0]} />}
        <Suspense fallback={<div className="empty-state">Loading…</div>}>
          {route.section === 'analyses' && <AnalysesScene key={project.id} />}
          {route.section === 'people' && <PeopleScene key={project.id} personId={route.rest[0]} />}
          {route.section === 'sessions' && <ReplayScene key={`${project.id}/${route.rest[0] ?? ''}`} sessionId={route.rest[0]} />}
          {route.section === 'surveys' && <SurveysScene key={project.id} surveyId={route.rest[0]} />}
          {route.section === 'themes' && <ThemesScene key={project.id} />}
        </Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}
