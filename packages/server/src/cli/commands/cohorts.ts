import type { Command } from 'commander';
import { WaymarkError, type SegmentResult } from '@waymark/core';
import { requireCohort } from '../../analytics/require-cohort.ts';
import { cohortPersonsNow, createCohort, DEFAULT_PERSONS, deleteCohort, MAX_PERSONS, redefineCohort, visibleCohort, type VisibleCohort } from '../../analytics/saved-cohorts.ts';
import { apiFlags, keyFor, localProject, remoteProject, withTarget, type Target } from '../context.ts';
import { integerOption } from '../integer-option.ts';
import { readJsonArgument } from '../read-json.ts';
import { callApi } from '../server-client.ts';
import { textTable } from '../text-table.ts';

/** The cohorts of one project, through the running server's API or the stores opened here. */
interface ProjectCohorts {
  list(): Promise<VisibleCohort[]>;
  save(input: unknown): Promise<VisibleCohort>;
  update(id: string, input: unknown): Promise<VisibleCohort>;
  persons(id: string, limit: number): Promise<SegmentResult>;
  remove(id: string): Promise<void>;
}

interface TargetOptions {
  project?: string;
  secretKey?: string;
}

async function projectCohorts(target: Target, options: TargetOptions): Promise<ProjectCohorts> {
  if (target.kind === 'remote') {
    const base = `${target.url}/api/projects/${encodeURIComponent(remoteProject(target, options.project))}/cohorts`;
    const authorization = `Bearer ${keyFor(target, options.secretKey, 'secretKey', '--secret-key')}`;
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await callApi(`${base}${path}`, { ...init, headers: { authorization, ...(init.body !== undefined && { 'content-type': 'application/json' }) } }, apiFlags('--secret-key'));
      return response.status === 204 ? null : ((await response.json()) as unknown);
    };
    return {
      list: async () => ((await call('')) as { cohorts: VisibleCohort[] }).cohorts,
      save: async (input) => (await call('', { method: 'POST', body: JSON.stringify(input) })) as VisibleCohort,
      update: async (id, input) => (await call(`/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(input) })) as VisibleCohort,
      persons: async (id, limit) => (await call(`/${encodeURIComponent(id)}/persons?limit=${limit}`)) as SegmentResult,
      remove: async (id) => void (await call(`/${encodeURIComponent(id)}`, { method: 'DELETE' })),
    };
  }
  const { runtime } = target;
  const project = await localProject(target, options.project);
  return {
    list: async () => (await runtime.state.listCohorts(project.id)).map(visibleCohort),
    save: async (input) => visibleCohort(await createCohort(runtime, project, input)),
    update: async (id, input) => visibleCohort(await redefineCohort(runtime, project, id, input)),
    persons: async (id, limit) => cohortPersonsNow(runtime, await requireCohort(runtime, project.id, id), limit),
    remove: (id) => deleteCohort(runtime, project.id, id),
  };
}

/** A cohort's name, and its definition from a JSON file: what saves or redefines it. */
function cohortInput(name: string, file: string): object {
  const definition = readJsonArgument(file, 'definition');
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new WaymarkError('WM_CLI_INVALID_OPTION', 'definition', `"${file}" holds no object: give {"all": [...]} conditions, {"persons": [...]} or {"from": {an analysis with "personsAt"}}`);
  }
  // The same name twice is fine; two names would leave one silently unused.
  const inFile = (definition as { name?: unknown }).name;
  if (inFile !== undefined && inFile !== name) throw new WaymarkError('WM_CLI_INVALID_OPTION', 'name', `"${file}" names the cohort ${JSON.stringify(inFile)}, the command "${name}": give one name`);
  return { ...definition, name };
}

const kindOf = (c: VisibleCohort) => (c.definition.kind === 'persons' ? `fixed list of ${c.definition.count.toLocaleString('en-US')}` : 'conditions');
const out = (text: string) => void process.stdout.write(`${text}\n`);

function withCohorts(options: TargetOptions, run: (cohorts: ProjectCohorts) => Promise<void>): Promise<void> {
  return withTarget(async (target) => run(await projectCohorts(target, options)));
}

export function cohortsCommand(program: Command): void {
  const cohorts = program
    .command('cohorts')
    .description('saved cohorts: segment conditions or fixed lists of persons; give an id as "cohort" in any analysis spec to count only its persons');
  const targeted = (command: Command) =>
    command.option('--project <id>', 'project id or slug (default: the default project)').option('--secret-key <key>', "the project's secret key, when a server is running");

  targeted(cohorts.command('list').description('print every cohort of the project').option('--json', 'print the cohorts as JSON')).action(
    async (options: TargetOptions & { json?: boolean }) =>
      withCohorts(options, async (project) => {
        const list = await project.list();
        if (options.json) return out(JSON.stringify(list));
        out(textTable([['id', 'name', 'definition', 'created'], ...list.map((c) => [c.id, c.name, kindOf(c), c.createdAt])]));
      }),
  );

  targeted(
    cohorts
      .command('save')
      .description('save a cohort and print its id')
      .argument('<name>', "the cohort's name")
      .argument('<definition>', 'a JSON file, or - for standard input: {"all", "any", "none"} conditions as in a segment spec, {"persons": [ids]}, or {"from": spec} to keep the persons behind a number (an analysis spec with "personsAt")')
      .option('--json', 'print the saved cohort as JSON'),
  ).action(async (name: string, file: string, options: TargetOptions & { json?: boolean }) => {
    const input = cohortInput(name, file);
    await withCohorts(options, async (project) => {
      const cohort = await project.save(input);
      out(options.json ? JSON.stringify(cohort) : `saved ${cohort.id}: ${cohort.name} (${kindOf(cohort)})`);
    });
  });

  targeted(
    cohorts
      .command('update')
      .description('rename and redefine a cohort, keeping its id: analyses naming it count its new persons at once')
      .argument('<cohort>', "the cohort's id")
      .argument('<name>', "the cohort's name")
      .argument('<definition>', 'a JSON file, or - for standard input, as for save')
      .option('--json', 'print the cohort as JSON'),
  ).action(async (id: string, name: string, file: string, options: TargetOptions & { json?: boolean }) => {
    const input = cohortInput(name, file);
    await withCohorts(options, async (project) => {
      const cohort = await project.update(id, input);
      out(options.json ? JSON.stringify(cohort) : `updated ${cohort.id}: ${cohort.name} (${kindOf(cohort)})`);
    });
  });

  targeted(
    cohorts
      .command('persons')
      .description("print how many persons a cohort has now, then the first of them by id, one per line")
      .argument('<cohort>', "the cohort's id")
      .option('--limit <n>', `how many ids to print (default ${DEFAULT_PERSONS}, at most ${MAX_PERSONS.toLocaleString('en-US')})`)
      .option('--json', 'print {count, persons} as JSON'),
  ).action(async (id: string, options: TargetOptions & { limit?: string; json?: boolean }) => {
    const limit = options.limit === undefined ? DEFAULT_PERSONS : integerOption(options.limit, '--limit', 0, MAX_PERSONS);
    await withCohorts(options, async (project) => {
      const result = await project.persons(id, limit);
      if (options.json) return out(JSON.stringify(result));
      out([`${result.count} ${result.count === 1 ? 'person' : 'persons'}${result.persons.length < result.count ? ` (the first ${result.persons.length} by id)` : ''}`, ...result.persons].join('\n'));
    });
  });

  targeted(cohorts.command('delete').description('delete a cohort; analyses naming it then fail').argument('<cohort>', "the cohort's id")).action(
    async (id: string, options: TargetOptions) =>
      withCohorts(options, async (project) => {
        await project.remove(id);
        out(`deleted ${id}`);
      }),
  );
}
