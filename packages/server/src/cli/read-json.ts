import { readFileSync } from 'node:fs';
import { WaymarkError } from '@waymark/core';

/** A JSON file given on the command line (`-`: standard input); `field` names the argument in errors. */
export function readJsonArgument(file: string, field: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch {
    throw new WaymarkError('WM_CLI_INVALID_OPTION', field, `cannot read "${file}"`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WaymarkError('WM_CLI_INVALID_OPTION', field, `"${file}" is not JSON: ${(error as Error).message}`);
  }
}
