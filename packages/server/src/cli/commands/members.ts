import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { isRole, ROLES, WaymarkError, type Role } from '@waymark/core';
import { loadConfig } from '../../config.ts';
import { EMAIL_PATTERN, MAX_NAME_LENGTH, MemberService, type Member } from '../../members/member-service.ts';
import { dataPaths } from '../../paths.ts';
import { ProjectService } from '../../projects/project-service.ts';
import { StateStore } from '../../stores/state/state-store.ts';
import { textTable } from '../text-table.ts';

/**
 * Opens the state store itself, even while a server runs: SQLite in WAL mode takes a second
 * process, and recovery must not need a session whose password is lost.
 */
async function withMembers<T>(run: (members: MemberService) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, process.cwd());
  mkdirSync(config.dataDir, { recursive: true });
  const paths = dataPaths(config.dataDir);
  const state = await StateStore.openSqlite(paths.state);
  try {
    // As a first start would: an instance always has a project and an owner.
    await new ProjectService(state, paths.credentials).bootstrap();
    const members = new MemberService(state, paths.credentials);
    await members.bootstrap();
    return await run(members);
  } finally {
    await state.close();
  }
}

function checkEmail(email: string): string {
  if (email.length > 254 || !new RegExp(EMAIL_PATTERN).test(email)) throw new WaymarkError('WM_CLI_INVALID_OPTION', 'email', `"${email}" is not an email address`);
  return email;
}

function checkRole(role: string | undefined): Role {
  if (!isRole(role)) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--role', `--role must be one of ${ROLES.join(', ')}`);
  return role;
}

const status = (m: Member) => (m.disabledAt ? 'disabled' : m.mustChangePassword ? 'one-time password' : 'active');

export function membersCommand(program: Command): void {
  const members = program.command('members').description('the people who sign in to the web app, and their roles (viewer, editor, owner)');

  members
    .command('list')
    .description('print every member')
    .option('--json', 'print the members as JSON')
    .action(async (options: { json?: boolean }) => {
      await withMembers(async (service) => {
        const list = await service.list();
        if (options.json) return void process.stdout.write(`${JSON.stringify(list)}\n`);
        process.stdout.write(`${textTable([['email', 'role', 'status', 'name'], ...list.map((m) => [m.email, m.role, status(m), m.name])])}\n`);
      });
    });

  members
    .command('add')
    .description('add a member; prints the one-time password they change at their first sign-in')
    .argument('<email>', 'their email address')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--name <name>', 'how the app names them')
    .action(async (email: string, options: { role: string; name?: string }) => {
      const input = { email: checkEmail(email), role: checkRole(options.role), name: options.name };
      if (input.name !== undefined && input.name.length > MAX_NAME_LENGTH) throw new WaymarkError('WM_CLI_INVALID_OPTION', '--name', `--name is at most ${MAX_NAME_LENGTH} characters`);
      await withMembers(async (service) => {
        const { member, oneTimePassword } = await service.create(input);
        process.stdout.write(`added ${member.email} (${member.role})\none-time password  ${oneTimePassword}\n`);
      });
    });

  members
    .command('reset-password')
    .description('give a member a new one-time password and end their sessions (for a lost password)')
    .argument('<email>', 'their email address')
    .action(async (email: string) => {
      checkEmail(email);
      await withMembers(async (service) => {
        const { member, oneTimePassword } = await service.resetPassword(email);
        process.stdout.write(`${member.email}: sessions ended\none-time password  ${oneTimePassword}\n`);
      });
    });
}
