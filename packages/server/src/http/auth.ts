import { WaymarkError, type Access as CoreAccess } from '@waymark/core';
import type { FastifyRequest } from 'fastify';
import type { Principal, ProjectService } from '../projects/project-service.ts';
import type { Project } from '../stores/state/state-store.ts';
import { requireRole, sessionToken } from './member-session.ts';

/** The key of a capture call: Basic auth user (Segment's way), a Bearer token, or `writeKey` in the body. */
export function captureKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.slice(0, decoded.includes(':') ? decoded.indexOf(':') : undefined);
      if (user) return user;
    } else if (scheme?.toLowerCase() === 'bearer' && value) {
      return value;
    }
  }
  const body = request.body as { writeKey?: unknown } | undefined;
  return typeof body?.writeKey === 'string' && body.writeKey ? body.writeKey : null;
}

/** Checks a capture call's key: a write key, or a secret key, of any project. */
export async function authenticateCapture(request: FastifyRequest, projects: ProjectService): Promise<Principal> {
  const key = captureKey(request);
  if (!key) throw new WaymarkError('WM_AUTH_MISSING_KEY', 'authorization', 'send the write key as the Basic auth user name');
  const principal = await projects.authenticate(key);
  if (!principal) throw new WaymarkError('WM_AUTH_INVALID_KEY', 'authorization');
  return principal;
}

/** What a call needs: reading, changing the project's maps and cohorts, or managing its keys and members. */
export type Access = CoreAccess;

/** Who made an authorized call, as comments and version history name them. */
export interface Actor {
  readonly kind: 'key' | 'member';
  readonly id: string;
  readonly name: string;
}

/**
 * Checks a call on a project. Either a secret key (Bearer) of the project named in the path,
 * which may do anything there; write keys are refused, and so are keys of other projects.
 * Or, without an Authorization header, a member's session cookie: members see every
 * project, and their role must allow `need` (viewer: read; editor: write; owner: admin).
 * `principal` is the key, or null for a member.
 */
export async function authorizeRead(
  request: FastifyRequest,
  projects: ProjectService,
  projectIdOrSlug: string,
  need: Access = 'read',
): Promise<{ principal: Principal | null; project: Project; actor: Actor }> {
  const header = request.headers.authorization;
  if (!header && sessionToken(request)) {
    const { member } = await requireRole(request, need, need === 'read' ? 'reading' : need === 'write' ? 'changing this project' : "managing this project's keys");
    const project = await projects.requireProject(projectIdOrSlug);
    return { principal: null, project, actor: { kind: 'member', id: member.id, name: member.name || member.email } };
  }
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new WaymarkError('WM_AUTH_MISSING_KEY', 'authorization', 'send a secret key as "Authorization: Bearer <key>", or sign in');
  const principal = await projects.authenticate(match[1]!);
  if (!principal) throw new WaymarkError('WM_AUTH_INVALID_KEY', 'authorization');
  if (principal.kind !== 'secret') throw new WaymarkError('WM_AUTH_WRITE_KEY_CANNOT_READ', 'authorization');
  const project = await projects.requireProject(projectIdOrSlug).catch(() => null);
  if (!project || project.id !== principal.projectId) {
    throw new WaymarkError('WM_AUTH_WRONG_PROJECT', 'project', `this key cannot read project "${projectIdOrSlug}"`);
  }
  return { principal, project, actor: { kind: 'key', id: principal.keyId, name: `key ${principal.keyId}` } };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the capture routes once the key is checked. */
    principal?: Principal;
  }
}
