import { currentPath, isIgnored, nameOf } from '../dom.ts';
import { EVENTS, type CaptureContext } from './capture.ts';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface FormState {
  readonly path: string;
  readonly touched: Set<string>;
  lastField: string | null;
  submitted: boolean;
}

const isField = (target: EventTarget | null): target is Field =>
  (target instanceof HTMLInputElement && !['submit', 'button', 'reset', 'image', 'hidden'].includes(target.type)) ||
  target instanceof HTMLSelectElement ||
  target instanceof HTMLTextAreaElement;

const isFilled = (field: Field): boolean =>
  field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio') ? field.checked : field.value !== '';

/**
 * Form interactions per field, never their values: focus, change (filled or not), blur (with
 * the time spent), submit, and abandonment (a touched form left without submitting, with the
 * last field touched) when the page is hidden or the route changes.
 */
export function captureForms(ctx: CaptureContext): void {
  const forms = new Map<string, FormState>();
  const focusedAt = new Map<Field, number>();
  const formOf = (field: Field) => (field.form ? nameOf(field.form) : '(no form)');
  const stateOf = (form: string): FormState => {
    let state = forms.get(form);
    if (!state) {
      state = { path: currentPath(), touched: new Set(), lastField: null, submitted: false };
      forms.set(form, state);
    }
    return state;
  };
  const base = (field: Field) => ({ path: currentPath(), form: formOf(field), field: nameOf(field) });

  document.addEventListener(
    'focusin',
    (event) => {
      if (!isField(event.target) || isIgnored(event.target)) return;
      const field = event.target;
      focusedAt.set(field, performance.now());
      const state = stateOf(formOf(field));
      state.touched.add(nameOf(field));
      state.lastField = nameOf(field);
      ctx.capture(EVENTS.fieldFocus, base(field));
    },
    { capture: true },
  );
  document.addEventListener(
    'change',
    (event) => {
      if (!isField(event.target) || isIgnored(event.target)) return;
      ctx.capture(EVENTS.fieldChange, { ...base(event.target), filled: isFilled(event.target) });
    },
    { capture: true },
  );
  document.addEventListener(
    'focusout',
    (event) => {
      if (!isField(event.target) || isIgnored(event.target)) return;
      const field = event.target;
      const since = focusedAt.get(field);
      focusedAt.delete(field);
      ctx.capture(EVENTS.fieldBlur, { ...base(field), filled: isFilled(field), duration_ms: since === undefined ? null : Math.round(performance.now() - since) });
    },
    { capture: true },
  );
  document.addEventListener(
    'submit',
    (event) => {
      if (!(event.target instanceof HTMLFormElement) || isIgnored(event.target)) return;
      const form = nameOf(event.target);
      stateOf(form).submitted = true;
      ctx.capture(EVENTS.formSubmit, { path: currentPath(), form });
    },
    { capture: true },
  );

  const abandon = () => {
    for (const [form, state] of forms) {
      if (!state.submitted && state.touched.size > 0) {
        ctx.capture(EVENTS.formAbandon, { path: state.path, form, last_field: state.lastField, fields_touched: state.touched.size });
      }
    }
    forms.clear();
  };
  ctx.onHide(abandon);
  ctx.onRouteChange(abandon);
}
