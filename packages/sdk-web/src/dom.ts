/** Elements a click is about: the nearest actionable ancestor of what was clicked, or the element itself. */
const ACTIONABLE = 'a, button, input, select, textarea, label, summary, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [onclick]';

export function actionableElement(target: EventTarget | null): Element | null {
  if (!(target instanceof Element)) return null;
  return target.closest(ACTIONABLE) ?? target;
}

/** Elements inside `[data-waymark-ignore]` are not captured at all. */
export const isIgnored = (element: Element): boolean => element.closest('[data-waymark-ignore]') !== null;

/**
 * A CSS selector short enough to read and specific enough to group clicks: an id ends the
 * walk; otherwise tag, up to two classes and the position among siblings, five levels up.
 */
export function cssSelector(element: Element): string {
  const parts: string[] = [];
  let node: Element | null = element;
  for (let depth = 0; node && node.nodeType === 1 && depth < 5; depth++) {
    if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) {
      parts.unshift(`#${node.id}`);
      break;
    }
    let part = node.tagName.toLowerCase();
    const classes = [...node.classList].filter((c) => /^[A-Za-z_-][\w-]*$/.test(c)).slice(0, 2);
    if (classes.length > 0) part += `.${classes.join('.')}`;
    const parent: Element | null = node.parentElement;
    if (parent) {
      const same = [...parent.children].filter((c) => c.tagName === node!.tagName);
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
    }
    parts.unshift(part);
    node = parent;
  }
  return parts.join(' > ');
}

/** The visible text of an element, trimmed to 100 characters, or `***` where text is masked. */
export function elementText(element: Element, maskSelector: string): string {
  if (element instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(element.type)) return element.value.slice(0, 100);
  // Masked if it is, or holds, anything masked: a label around an input says nothing of its value.
  if (element.closest(maskSelector) !== null || element.querySelector(maskSelector) !== null) return '***';
  const text = (element instanceof HTMLElement ? element.innerText : element.textContent) ?? '';
  const label = text.trim() || element.getAttribute('aria-label') || element.getAttribute('title') || '';
  return label.replace(/\s+/g, ' ').slice(0, 100);
}

/** A form's or field's name as people know it: name, id, or its selector. */
export const nameOf = (element: Element): string => element.getAttribute('name') || element.id || cssSelector(element);

export const currentPath = (): string => location.pathname;
