import type { FastifyRequest } from 'fastify';
import { authorizeRead, type Access } from '../../http/auth.ts';
import type { Runtime } from '../../runtime.ts';
import { JourneyStore, type JourneyAuthor } from '../../stores/state/journey-store.ts';

/** Who is calling, as versions and comments name them; `id` keys what they have seen. */
export async function journeyCaller(request: FastifyRequest, runtime: Runtime, project: string, need: Access) {
  const { project: found, actor } = await authorizeRead(request, runtime.projects, project, need);
  const author: JourneyAuthor = { id: `${actor.kind}:${actor.id}`, name: actor.name };
  return { project: found, author, journeys: new JourneyStore(runtime.state.db) };
}
