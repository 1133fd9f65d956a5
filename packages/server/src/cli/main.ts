import { Command, CommanderError } from 'commander';
import { isWaymarkError } from '@waymark/core';
import { VERSION } from '../version.ts';
import { cohortsCommand } from './commands/cohorts.ts';
import { demoCommand } from './commands/demo.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { keysCommand } from './commands/keys.ts';
import { membersCommand } from './commands/members.ts';
import { queryCommand } from './commands/query.ts';
import { startCommand } from './commands/start.ts';

const program = new Command('waymark')
  .description('Waymark: map, capture, measure, diagnose, prioritize, act, verify.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();

startCommand(program);
keysCommand(program);
importCommand(program);
exportCommand(program);
demoCommand(program);
queryCommand(program);
cohortsCommand(program);
membersCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (isWaymarkError(error)) {
    process.stderr.write(`error ${error.code}${error.path ? ` (${error.path})` : ''}: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
