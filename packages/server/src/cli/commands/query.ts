import type { Command } from 'commander';
import { resultTable, tableCsv, WaymarkError } from '@waymark/core';
import type { AnalysisAnswer } from '../../analytics/run-analysis.ts';
import { callApi } from '../server-client.ts';
import { apiFlags, keyFor, localProject, remoteProject, withTarget } from '../context.ts';
import { formatResult } from '../format-result.ts';
import { readJsonArgument } from '../read-json.ts';
import { answerRequest, firstPersons, splitPersonsLimit } from '../../analytics/answer-request.ts';

export function queryCommand(program: Command): void {
  program
    .command('query')
    .description('run an analysis spec (JSON; see docs/analytics.md) and print its result as a table')
    .argument('<spec>', 'a JSON file with the spec, or - for standard input')
    .option('--json', 'print the whole answer as JSON')
    .option('--csv', 'print the result as CSV (rates as shares), for a spreadsheet')
    .option('--project <id>', 'project id or slug (default: the default project)')
    .option('--secret-key <key>', "the project's secret key, when a server is running")
    .action(async (file: string, options: { json?: boolean; csv?: boolean; project?: string; secretKey?: string }) => {
      if (options.json && options.csv) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--csv', 'give --json or --csv, not both');
      const spec = readJsonArgument(file, 'spec');
      await withTarget(async (target) => {
        let answer: AnalysisAnswer;
        if (target.kind === 'remote') {
          const project = remoteProject(target, options.project);
          const response = await callApi(
            `${target.url}/api/projects/${encodeURIComponent(project)}/query`,
            {
              method: 'POST',
              headers: { authorization: `Bearer ${keyFor(target, options.secretKey, 'secretKey', '--secret-key')}`, 'content-type': 'application/json' },
              body: JSON.stringify(spec),
            },
            apiFlags('--secret-key'),
          );
          answer = (await response.json()) as AnalysisAnswer;
        } else {
          const { runtime } = target;
          const project = await localProject(target, options.project);
          // As the server answers it: personsLimit beside the spec lists only the first persons.
          const { request, personsLimit } = splitPersonsLimit(spec);
          answer = await answerRequest(runtime, project, request);
          if (personsLimit !== undefined) answer = firstPersons(answer, personsLimit);
        }
        if (options.json) return void process.stdout.write(`${JSON.stringify(answer)}\n`);
        const clock = { now: Date.now(), timeZone: answer.meta.timeZone };
        if (options.csv) {
          // Every kind the server answers has a table; a newer server's new kind may not yet.
          const table = resultTable(answer.kind, answer.result, clock);
          if (!table) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--csv', `a ${answer.kind} result has no table yet: use --json`);
          return void process.stdout.write(tableCsv(table));
        }
        process.stdout.write(`${formatResult(answer.kind, answer.result, clock)}\n(${answer.meta.ms.toFixed(0)} ms${answer.meta.cached ? ', cached' : ''})\n`);
      });
    });
}
