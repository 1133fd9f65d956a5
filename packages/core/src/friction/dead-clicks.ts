import type { ClickMark, FrictionSignal } from './friction-signal.ts';

/** Dead clicks: the SDK saw neither a page change nor a DOM mutation within 1 s of the click. */
export function detectDeadClick(click: ClickMark, observed: unknown, out: FrictionSignal[]): void {
  if (observed !== 'none') return;
  out.push({ kind: 'dead_click', sources: [click.id], properties: { path: click.path, selector: click.selector, value: 'none', threshold: 1000 } });
}
