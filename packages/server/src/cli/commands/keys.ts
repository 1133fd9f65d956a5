import type { Command } from 'commander';
import { WaymarkError } from '@waymark/core';
import { parseToken } from '../../projects/api-keys.ts';
import { callApi } from '../server-client.ts';
import { withTarget } from '../context.ts';

export function keysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description("print the default project's id, write key and secret key")
    .option('--json', 'print {"projectId", "writeKey", "secretKey"} for scripts')
    .action(async (options: { json?: boolean }) => {
      await withTarget(async (target) => {
        const credentials = target.credentials;
        if (!credentials) throw new WaymarkError('WM_CLI_INVALID_OPTION', 'keys', 'no credentials file: start Waymark once to create the default project');
        if (options.json) process.stdout.write(`${JSON.stringify(credentials)}\n`);
        else process.stdout.write(`project     ${credentials.projectId}\nwrite key   ${credentials.writeKey}\nsecret key  ${credentials.secretKey}\n`);
      });
    });

  keys
    .command('rotate')
    .description("replace one of the default project's keys; the old one stops working at once")
    .requiredOption('--kind <kind>', 'write or secret')
    .option('--json', 'print the new credentials as JSON')
    .action(async (_own: unknown, command: Command) => {
      // `keys` has a --json of its own, which commander gives the flag to: read both.
      const options = command.optsWithGlobals<{ kind: string; json?: boolean }>();
      if (options.kind !== 'write' && options.kind !== 'secret') throw new WaymarkError('WM_CLI_INVALID_OPTION', '--kind', '--kind must be write or secret');
      const field = options.kind === 'write' ? 'writeKey' : 'secretKey';
      await withTarget(async (target) => {
        const credentials = target.credentials;
        if (!credentials) throw new WaymarkError('WM_CLI_INVALID_OPTION', 'keys', 'no credentials file: start Waymark once to create the default project');
        const keyId = parseToken(credentials[field])!.id;
        let token: string;
        if (target.kind === 'remote') {
          const response = await callApi(`${target.url}/api/projects/${credentials.projectId}/keys/${keyId}/rotate`, {
            method: 'POST',
            headers: { authorization: `Bearer ${credentials.secretKey}` },
          });
          token = ((await response.json()) as { token: string }).token;
        } else {
          token = (await target.runtime.projects.rotateKey(credentials.projectId, keyId)).token;
        }
        const next = { ...credentials, [field]: token };
        process.stdout.write(options.json ? `${JSON.stringify(next)}\n` : `new ${options.kind} key  ${token}\n`);
      });
    });
}
