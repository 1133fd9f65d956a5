import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const cwd = path.resolve('/srv/waymark');

describe('loadConfig', () => {
  it('has working defaults: the embedded DuckDB store under ./.waymark', () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({ port: 8080, host: 'localhost', dataDir: path.join(cwd, '.waymark'), demo: true, eventStore: { kind: 'duckdb' }, foldMergesEveryMs: 600_000 });
    expect(loadConfig({ WAYMARK_FOLD_MERGES_MINUTES: '0' }, cwd).foldMergesEveryMs).toBe(0);
  });

  it('reads a ClickHouse server URL, with its user, password and database', () => {
    expect(loadConfig({ WAYMARK_EVENT_STORE: 'clickhouse://analyst:s%3Acret@ch.internal:9000/shop_events' }, cwd).eventStore).toEqual({
      kind: 'clickhouse',
      url: 'http://ch.internal:9000',
      username: 'analyst',
      password: 's:cret',
      database: 'shop_events',
    });
    expect(loadConfig({ WAYMARK_EVENT_STORE: 'clickhouses://ch.example.com' }, cwd).eventStore).toEqual({
      kind: 'clickhouse',
      url: 'https://ch.example.com:8443',
      username: 'default',
      password: '',
      database: 'waymark',
    });
  });

  it('puts chdb files in the data directory unless told otherwise', () => {
    expect(loadConfig({ WAYMARK_EVENT_STORE: 'chdb:', WAYMARK_DATA_DIR: 'data' }, cwd).eventStore).toEqual({ kind: 'chdb', path: path.join(cwd, 'data', 'chdb') });
    expect(loadConfig({ WAYMARK_EVENT_STORE: 'chdb:/var/lib/ch' }, cwd).eventStore).toEqual({ kind: 'chdb', path: path.resolve('/var/lib/ch') });
  });

  it.each([
    ['WAYMARK_EVENT_STORE', 'postgres://localhost/events'],
    ['WAYMARK_EVENT_STORE', 'clickhouse://'],
    ['WAYMARK_EVENT_STORE', 'clickhouse://host/bad-name;DROP'],
    ['WAYMARK_STATE_STORE', 'mysql://localhost'],
    ['PORT', '70000'],
    ['PORT', 'eighty'],
    ['PORT', '8e3'],
    ['WAYMARK_FLUSH_INTERVAL_MS', ' 200'],
    ['WAYMARK_FLUSH_INTERVAL_MS', '5'],
    ['WAYMARK_DEDUP_WINDOW_HOURS', '0'],
    ['WAYMARK_FOLD_MERGES_MINUTES', '-1'],
    ['WAYMARK_FOLD_MERGES_MINUTES', '1.5'],
    ['WAYMARK_DUCKDB_MEMORY_LIMIT', 'lots'],
    ['WAYMARK_LOG_LEVEL', 'loud'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value }, cwd)).toThrow(expect.objectContaining({ code: 'WM_CONFIG_INVALID', path: name }));
  });
});
