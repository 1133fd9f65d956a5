import { api, type OnlyPersons } from '../api/client.ts';
import { useAsync } from '../shell/use-async.ts';
import { indexFriction, type FrictionIndex } from './friction-data.ts';

/**
 * The friction of a map for a range and the persons picked (`only`), fetched only while shown.
 * An answer is kept with the question it answers, so badges never show another range's or
 * persona's numbers as this one's.
 */
export function useFriction(project: string, journeyId: string | undefined, version: number | undefined, range: { from: string; to: string }, only: OnlyPersons, shown: boolean): { index: FrictionIndex | undefined; error: unknown; ready: boolean } {
  const question = JSON.stringify([journeyId, version, range.from, range.to, only.persona ?? null, only.cohort ?? null]);
  const answer = useAsync(
    shown && journeyId && version !== undefined ? () => api.friction(project, journeyId, { from: range.from, to: range.to, ...only }).then((r) => ({ question, index: indexFriction(r) })) : null,
    [shown, project, question],
  );
  const ready = shown && !answer.loading && answer.data?.question === question;
  return { index: ready ? answer.data!.index : undefined, error: answer.error, ready };
}
