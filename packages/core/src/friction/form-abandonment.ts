import { MAX_FIELDS, MAX_FORMS, num, text, type FieldMark, type FrictionInput, type FrictionSignal, type SessionFrictionState } from './friction-signal.ts';

/** Follows a form's fields through focus, change and blur: time spent and how often each changed. */
export function trackFormField(state: SessionFrictionState, e: FrictionInput): void {
  const form = text(e.properties['form']);
  const field = text(e.properties['field']);
  if (field === '') return;
  let fields = state.forms.get(form);
  if (fields === undefined) {
    if (state.forms.size >= MAX_FORMS) state.forms.delete(state.forms.keys().next().value!);
    fields = [];
    state.forms.set(form, fields);
  }
  let mark = fields.find((f) => f.field === field);
  if (mark === undefined) {
    if (fields.length >= MAX_FIELDS) return;
    mark = { field, firstId: e.id, focusAt: null, timeMs: 0, changes: 0 };
    fields.push(mark);
  }
  if (e.event === '$form_field_focus') mark.focusAt = e.timestamp;
  else if (e.event === '$form_field_change') mark.changes++;
  else if (e.event === '$form_field_blur') {
    const duration = num(e.properties['duration_ms']);
    mark.timeMs += duration ?? (mark.focusAt === null ? 0 : Math.max(0, e.timestamp - mark.focusAt));
    mark.focusAt = null;
  }
}

export function formSubmitted(state: SessionFrictionState, e: FrictionInput): void {
  state.forms.delete(text(e.properties['form']));
}

/**
 * Form-field abandonment, at `$form_abandon`: the abandoned field is the form's last touched
 * field (`last_field`, else the last one seen), with every field reached, the time spent in
 * each and the refills (fields changed more than once).
 */
export function detectFormAbandon(state: SessionFrictionState, e: FrictionInput, out: FrictionSignal[]): void {
  const form = text(e.properties['form']);
  const fields = state.forms.get(form) ?? [];
  state.forms.delete(form);
  const field = text(e.properties['last_field']) || fields[fields.length - 1]?.field || '';
  if (field === '') return;
  const mark: FieldMark | undefined = fields.find((f) => f.field === field);
  out.push({
    kind: 'form_abandon_field',
    sources: mark ? [mark.firstId, e.id] : [e.id],
    properties: {
      path: text(e.properties['path']),
      form,
      field,
      value: mark?.timeMs ?? 0,
      threshold: null,
      fields_reached: Math.max(fields.length, num(e.properties['fields_touched']) ?? 0),
      fields: fields.map((f) => ({ field: f.field, time_ms: f.timeMs, changes: f.changes })),
      refills: fields.filter((f) => f.changes > 1).map((f) => f.field),
    },
  });
}
