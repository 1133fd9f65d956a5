// Worker threads do not inherit the main thread's TypeScript loader: register it here, then
// run the worker's TypeScript source.
import { register } from 'tsx/esm/api';

register();
await import('./store-worker.ts');
