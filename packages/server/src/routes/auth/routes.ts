import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { clearSessionCookie, requireClientHeader, requireSession, sessionToken, setSessionCookie } from '../../http/member-session.ts';
import { ThrottledError } from '../../members/login-throttle.ts';
import type { Runtime } from '../../runtime.ts';
import { LoginBody, MemberSchema, PasswordBody } from './schemas.ts';

/** Signing in and out, who is signed in, and changing one's password. */
export function authRoutes(app: FastifyInstance, runtime: Runtime): void {
  const tags = ['auth'];
  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in: sets the session cookie waymark_session (HttpOnly, 30 days from the last use)',
        body: LoginBody,
        response: { 200: Type.Object({ member: Type.Ref(MemberSchema) }) },
      },
    },
    async (request, reply) => {
      // A forged cross-site sign-in would put the victim in the forger's account (login CSRF);
      // the body parser reads any label as JSON, so a plain form could otherwise post here.
      requireClientHeader(request);
      try {
        const { member, token, expiresAt } = await runtime.members.login(request.body.email, request.body.password);
        // A new sign-in replaces the session the browser held.
        const previous = sessionToken(request);
        if (previous) await runtime.members.logout(previous);
        setSessionCookie(request, reply, token, expiresAt);
        return { member };
      } catch (error) {
        if (error instanceof ThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Sign out: ends the session and clears its cookie', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) {
        requireClientHeader(request);
        await runtime.members.logout(token);
        clearSessionCookie(request, reply);
      }
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags, summary: 'The signed-in member and the projects they see', response: { 200: { $ref: 'Session#' } } } },
    async (request) => {
      const { member } = await requireSession(request, { allowPasswordChange: true });
      const projects = await runtime.state.listProjects();
      return { member, projects: projects.map(({ id, slug, name, timeZone }) => ({ id, slug, name, timeZone })) };
    },
  );

  app.post<{ Body: PasswordBody }>(
    '/api/auth/password',
    { schema: { tags, summary: "Change one's password (at least 10 characters); ends one's other sessions", body: PasswordBody, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { member, sessionId } = await requireSession(request, { allowPasswordChange: true });
      try {
        await runtime.members.changePassword(member.id, sessionId, request.body.currentPassword, request.body.newPassword);
      } catch (error) {
        if (error instanceof ThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
      return reply.status(204).send();
    },
  );
}
