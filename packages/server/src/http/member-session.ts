import cookie from '@fastify/cookie';
import { roleAllows, roleNeeded, WaymarkError, type Access } from '@waymark/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_DAYS, type MemberService, type SignedIn } from '../members/member-service.ts';

export const SESSION_COOKIE = 'waymark_session';
/** The header the web app sends with every change; see `requireSession`. */
export const CLIENT_HEADER = 'x-waymark-client';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads session cookies on every request, and sends the cookie again when a call slid its
 * session's expiry forward (30 days from the last use).
 */
export async function installSessions(app: FastifyInstance, members: MemberService): Promise<void> {
  await app.register(cookie);
  app.decorate('members', members);
  app.decorateRequest('renewedSession', null);
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.renewedSession) setSessionCookie(request, reply, request.renewedSession.token, request.renewedSession.expiresAt);
    return payload;
  });
}

export const sessionToken = (request: FastifyRequest): string | null => request.cookies[SESSION_COOKIE] || null;

const cookieOptions = (request: FastifyRequest) => ({ httpOnly: true, sameSite: 'lax' as const, path: '/', secure: request.protocol === 'https' });

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), expires: expiresAt, maxAge: SESSION_DAYS * 86_400 });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/**
 * A cookie-authenticated change must say it comes from the web app. Browsers send cookies
 * with cross-site requests, but a page on another site cannot add a custom header without a
 * CORS preflight, which this server does not grant with credentials.
 */
export function requireClientHeader(request: FastifyRequest): void {
  if (!SAFE_METHODS.has(request.method) && request.headers[CLIENT_HEADER] !== 'web') {
    throw new WaymarkError('WM_AUTH_CSRF', CLIENT_HEADER, `a ${request.method} signed in by cookie must carry the header "X-Waymark-Client: web"`);
  }
}

/**
 * The signed-in member of a call made with the session cookie. A member who still has a
 * one-time password may only reach the routes that pass `allowPasswordChange`.
 */
export async function requireSession(request: FastifyRequest, options: { allowPasswordChange?: boolean } = {}): Promise<SignedIn & { token: string }> {
  const token = sessionToken(request);
  if (!token) throw new WaymarkError('WM_AUTH_NOT_SIGNED_IN', 'cookie', 'sign in first: POST /api/auth/login');
  requireClientHeader(request);
  const signedIn = await request.server.members.authenticate(token);
  if (!signedIn) throw new WaymarkError('WM_AUTH_NOT_SIGNED_IN', 'cookie', 'the session has ended: sign in again');
  if (signedIn.renewedUntil) request.renewedSession = { token, expiresAt: signedIn.renewedUntil };
  if (signedIn.member.mustChangePassword && !options.allowPasswordChange) {
    throw new WaymarkError('WM_AUTH_PASSWORD_CHANGE_REQUIRED', null, 'choose your own password first: POST /api/auth/password');
  }
  return { ...signedIn, token };
}

/** A signed-in member whose role allows `need`; 403 naming the role needed otherwise. */
export async function requireRole(request: FastifyRequest, need: Access, what: string): Promise<SignedIn & { token: string }> {
  const signedIn = await requireSession(request);
  const { role } = signedIn.member;
  if (!roleAllows(role, need)) {
    const needed = roleNeeded(need);
    throw new WaymarkError('WM_AUTH_FORBIDDEN_ROLE', null, `${what} needs the ${needed} role${needed === 'owner' ? '' : ' or higher'}; you are ${role === 'owner' ? 'an' : 'a'} ${role}`);
  }
  return signedIn;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Member accounts and sessions, for the routes' authorization. */
    members: MemberService;
  }
  interface FastifyRequest {
    /** Set when this call slid the session's expiry: the cookie goes out again with the answer. */
    renewedSession: { token: string; expiresAt: Date } | null;
  }
}
