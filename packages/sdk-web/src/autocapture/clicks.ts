import { actionableElement, cssSelector, currentPath, elementText, isIgnored } from '../dom.ts';
import { EVENTS, type CaptureContext } from './capture.ts';

/** How long after a click the page must react (navigate or change the DOM) not to count as a dead click. */
const OBSERVE_MS = 1000;

/**
 * Clicks, with what the page did in the next second: `page_change` (the URL changed or the
 * page unloaded), `mutation` (the DOM changed), or `none` (a dead click). The server finds
 * rage, dead and error clicks from these.
 */
export function captureClicks(ctx: CaptureContext): void {
  const open = new Set<(unloading: boolean) => void>();
  // One observer for all clicks: each click remembers the count of changes when it happened.
  let mutations = 0;
  let observing = false;
  const observer = new MutationObserver(() => {
    mutations++;
  });
  ctx.onHide(() => {
    for (const finish of [...open]) finish(true);
  });
  document.addEventListener(
    'click',
    (event) => {
      const element = actionableElement(event.target);
      if (!element || isIgnored(element)) return;
      const at = new Date();
      const path = currentPath();
      const href = location.href;
      const properties: Record<string, unknown> = {
        path,
        selector: cssSelector(element),
        text: elementText(element, ctx.options.maskTextSelector),
        tag: element.tagName.toLowerCase(),
        x: Math.round(event.pageX),
        y: Math.round(event.pageY),
      };
      const link = element.getAttribute('href');
      if (link && !link.startsWith('javascript:')) properties['href'] = link.slice(0, 300);
      if (!observing) {
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        observing = true;
      }
      const mutationsBefore = mutations;
      const timer = setTimeout(() => finish(false), OBSERVE_MS);
      const finish = (unloading: boolean) => {
        if (!open.delete(finish)) return;
        clearTimeout(timer);
        // Changes already observed but not yet delivered to the callback count too.
        mutations += observer.takeRecords().length;
        if (open.size === 0) {
          observer.disconnect();
          observing = false;
        }
        const observed = unloading || location.href !== href ? 'page_change' : mutations !== mutationsBefore ? 'mutation' : 'none';
        ctx.capture(EVENTS.click, { ...properties, observed }, at);
      };
      open.add(finish);
    },
    { capture: true },
  );
}
