import type { ReactNode } from 'react';
import type { ProjectRef, Session } from '../api/types.ts';
import { AppLink } from './app-link.tsx';
import { navigate, routePath, type AppRoute } from './router.ts';

const SECTIONS = [
  { id: 'map', label: 'Map', icon: '▦' },
  { id: 'analyses', label: 'Analyses', icon: '◔' },
  { id: 'people', label: 'People', icon: '◉' },
  { id: 'surveys', label: 'Surveys', icon: '☷' },
  { id: 'themes', label: 'Themes', icon: '❝' },
] as const;

/** The left nav (sections, project switcher, who is signed in) around a page. */
export function Layout({ session, project, route, onSignOut, children }: { session: Session; project: ProjectRef; route: AppRoute; onSignOut: () => void; children: ReactNode }) {
  return (
    <div className="app">
      <nav className="side-nav" aria-label="Main">
        <div className="brand">Waymark</div>
        <label className="project-switcher">
          <span className="muted small">Project</span>
          <select aria-label="Project" value={project.slug} onChange={(e) => navigate(routePath(e.target.value, route.section))}>
            {session.projects.map((p) => (
              <option key={p.id} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <AppLink to={routePath(project.slug, s.id)} aria-current={route.section === s.id ? 'page' : undefined}>
                <span aria-hidden="true" className="nav-icon">
                  {s.icon}
                </span>
                {s.label}
              </AppLink>
            </li>
          ))}
        </ul>
        <div className="who">
          <div className="small">{session.member.name || session.member.email}</div>
          <div className="muted small">{session.member.role}</div>
          <button type="button" className="link" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="page">{children}</main>
    </div>
  );
}
