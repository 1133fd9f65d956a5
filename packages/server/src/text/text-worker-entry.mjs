// Worker threads do not inherit the main thread's TypeScript loader: register it here, then
// hand the pool the task runner from its TypeScript source.
import { register } from 'tsx/esm/api';

register();
const { runTextTask } = await import('./text-task.ts');
export default runTextTask;
