import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run train:sentiment` writes the shipped weights: inside core, which loads them. */
export const MODEL_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/core/src/text/sentiment-model.json');
