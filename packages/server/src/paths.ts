import path from 'node:path';

/** Where each store keeps its files under the data directory. */
export const dataPaths = (dataDir: string) => ({
  events: path.join(dataDir, 'events.duckdb'),
  state: path.join(dataDir, 'state.sqlite'),
  wal: path.join(dataDir, 'wal'),
  credentials: path.join(dataDir, 'credentials.json'),
  server: path.join(dataDir, 'server.json'),
});
