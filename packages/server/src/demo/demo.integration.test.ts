import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRICTION_EVENT_NAMES, groundTruth } from '@waymark/core';
import { getJson, postJson, startTestServer, tempDataDir, type TestServer } from '../testing/test-server.ts';
import { writeDemoFile } from './generate-demo.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/waymark.js', import.meta.url));
const OPTIONS = { scenario: 'saas', customers: 150, days: 20, seed: 11, end: '2026-03-31' } as const;

describe('simulated journeys', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = tempDataDir();
  });
  afterAll(async () => {
    await server.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are written byte for byte the same for the same seed, and differently for another seed', async () => {
    const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    await writeDemoFile(OPTIONS, path.join(dir, 'a.jsonl'));
    await writeDemoFile(OPTIONS, path.join(dir, 'b.jsonl'));
    await writeDemoFile({ ...OPTIONS, seed: 12 }, path.join(dir, 'c.jsonl'));
    expect(hash(path.join(dir, 'a.jsonl'))).toBe(hash(path.join(dir, 'b.jsonl')));
    expect(hash(path.join(dir, 'a.jsonl'))).not.toBe(hash(path.join(dir, 'c.jsonl')));
  });

  it('import through the real capture API: every message stored once, persons and channels resolved', async () => {
    const file = path.join(dir, 'import.jsonl');
    const { messages } = await writeDemoFile(OPTIONS, file);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(messages);
    let accepted = 0;
    for (let i = 0; i < lines.length; i += 400) {
      const answer = await postJson(`${server.url}/v1/batch`, { batch: lines.slice(i, i + 400) }, { authorization: server.writeAuth });
      expect(answer.status).toBe(200);
      accepted += answer.body.accepted;
    }
    expect(accepted).toBe(messages);
    await server.runtime.pipeline.flush();
    // The store adds friction signals as events of their own (docs/friction.md): count the rest.
    const [signals] = await server.runtime.engine.query(
      `SELECT count(*) AS n FROM events_resolved WHERE project_id = '${server.credentials.projectId}' AND event IN (${FRICTION_EVENT_NAMES.map((e) => `'${e}'`).join(', ')})`,
    );
    expect((await server.runtime.events.countEvents(server.credentials.projectId)) - Number(signals?.['n'] ?? 0)).toBe(messages);

    // A customer who signed up is one person across the web, email and support channels.
    const signup = lines.find((m) => m['type'] === 'identify' && m['anonymousId']) as { userId: string; anonymousId: string };
    const person = await getJson(`${server.url}/api/projects/default/persons/${encodeURIComponent(signup.anonymousId)}`, { authorization: server.readAuth });
    expect(person.status).toBe(200);
    expect(person.body.userIds).toContain(signup.userId);
    expect(person.body.channels).toContain('web');
    const sent = lines.filter((m) => m['userId'] === signup.userId || m['anonymousId'] === signup.anonymousId).length;
    expect(person.body.eventCount).toBeGreaterThanOrEqual(sent);

    // Sending the file again stores nothing new.
    const again = await postJson(`${server.url}/v1/batch`, { batch: lines.slice(0, 400) }, { authorization: server.writeAuth });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: Math.min(400, lines.length) });
  });

  it('come with ground truth beside the file from `waymark demo --out`', async () => {
    const file = path.join(dir, 'cli.jsonl');
    const { stdout } = await run(process.execPath, [CLI, 'demo', '--scenario', 'saas', '--customers', '150', '--days', '20', '--seed', '11', '--end', '2026-03-31', '--out', file], {
      env: { ...process.env, WAYMARK_DATA_DIR: dir, WAYMARK_DEMO: 'false' },
    });
    expect(stdout).toMatch(/events written/);
    const truth = JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as unknown;
    expect(truth).toEqual(JSON.parse(JSON.stringify(groundTruth(OPTIONS))));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(dir, 'a.jsonl'), 'utf8'));
  });

  it.each([
    [['--scenario', 'bank'], '--scenario'],
    [['--customers', '-5'], '--customers'],
    [['--customers', 'many'], '--customers'],
    // Digits only: no exponent, no blank (which Number reads as 0).
    [['--customers', '1e3'], '--customers'],
    [['--customers', ''], '--customers'],
    [['--days', '0'], '--days'],
    [['--seed', '1.5'], '--seed'],
    [['--end', '2026-13-45'], '--end'],
  ])('refuse %j, naming %s', async (args, flag) => {
    const failed = await run(process.execPath, [CLI, 'demo', ...args, '--out', path.join(dir, 'never.jsonl')], {
      env: { ...process.env, WAYMARK_DATA_DIR: dir, WAYMARK_DEMO: 'false' },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(`WM_CLI_INVALID_OPTION (${flag})`);
  });
});
