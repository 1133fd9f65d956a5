import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';

export function startCommand(program: Command): void {
  program
    .command('start')
    .description('serve the app, the API and the workers (PORT, WAYMARK_DATA_DIR and more: see docs/configuration.md)')
    .action(async () => {
      const config = loadConfig(process.env, process.cwd());
      // Loaded here, not at the top: the other commands start faster without the HTTP stack.
      const [{ startServer }, { pendingDemo, seedDemo }] = await Promise.all([import('../../server.ts'), import('../../demo/seed-demo.ts')]);
      const server = await startServer(config);
      const { credentials } = server;
      process.stdout.write(
        [
          '',
          `  Waymark ${server.runtime.version} is running at ${server.url}`,
          `  data        ${config.dataDir}`,
          `  project     ${credentials.projectId}${server.createdProject ? '  (created now)' : ''}`,
          `  write key   ${credentials.writeKey}`,
          `  secret key  ${credentials.secretKey}`,
          ...(server.pendingOwner ? ['', `  Sign in at ${server.url} as ${server.pendingOwner.email} with one-time password ${server.pendingOwner.oneTimePassword}`] : []),
          '',
          `  curl -u '${credentials.writeKey}:' ${server.url}/v1/track -H 'content-type: application/json' \\`,
          `       -d '{"userId":"u1","event":"Signed Up","properties":{"plan":"pro"}}'`,
          '',
        ].join('\n') + '\n',
      );
      const pending = pendingDemo(config.dataDir);
      if (config.demo && (server.createdProject || pending)) {
        const say = (line: string) => process.stdout.write(`${line}\n`);
        say(`  ${pending ? 'finishing' : 'loading'} the demo shop (the project is usable meanwhile)...`);
        seedDemo(server.runtime, credentials.projectId, say, pending ?? undefined).catch((error: unknown) =>
          server.runtime.logger.error({ err: error }, 'the demo could not be loaded'),
        );
      }
      const shutdown = (signal: string) => {
        server.runtime.logger.info({ signal }, 'stopping');
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            server.runtime.logger.error({ err: error }, 'stop failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
}
