import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';

/** URL parameters of ClickHouse's HTTP interface that are not settings. */
const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'default_format', 'session_id', 'session_timeout', 'wait_end_of_query']);

/**
 * ClickHouse's HTTP interface, as much of it as `@clickhouse/client` uses, in front of
 * ClickHouse's own engine (chdb): no ClickHouse server of a current version installs on
 * these machines, and this keeps the client's HTTP path (URL parameters, bound parameters,
 * settings, databases, errors, binary formats) under test with the real engine answering.
 */
export async function startClickHouseStandIn(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'waymark-ch-http-'));
  const session = new Session(dir);
  // One query at a time: a session has one current database.
  let queue: Promise<unknown> = Promise.resolve();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping') return void response.end('Ok.\n');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const inUrl = url.searchParams.get('query');
      let sql = inUrl === null ? body : `${inUrl}\n${body}`;
      const params: Record<string, string> = {};
      const settings: string[] = [];
      for (const [name, value] of url.searchParams) {
        if (name.startsWith('param_')) params[name.slice('param_'.length)] = value;
        else if (!NOT_SETTINGS.has(name)) settings.push(`${name} = ${/^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replaceAll("'", "\\'")}'`}`);
      }
      // Settings of a SELECT go before its FORMAT clause, as the server applies them to that query only.
      if (settings.length > 0 && /^\s*(SELECT|WITH)\b/i.test(sql)) {
        sql = /\sFORMAT\s+\w+\s*$/i.test(sql) ? sql.replace(/(\sFORMAT\s+\w+\s*)$/i, ` SETTINGS ${settings.join(', ')}$1`) : `${sql} SETTINGS ${settings.join(', ')}`;
      }
      const database = url.searchParams.get('database');
      const run = async () => {
        if (database) await session.queryAsync(`USE ${database}`);
        return Object.keys(params).length > 0 ? session.queryBindAsync(sql, params, {}) : session.queryAsync(sql, {});
      };
      const answer = queue.then(run, run);
      queue = answer.catch(() => undefined);
      answer.then(
        (result) => response.writeHead(200).end(Buffer.from(result.bytes())),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      session.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
