import { describe, expect, it } from 'vitest';
import { detectFriction } from './friction-detector.ts';
import { device } from './friction-test-events.ts';

describe('form-field abandonment', () => {
  const field = (name: string) => ({ path: '/signup', form: 'signup', field: name });

  it('flags the last touched field of an abandoned form, with fields reached, time spent and refills', () => {
    const at = device();
    const found = detectFriction([
      at(0, '$form_field_focus', field('email')),
      at(1000, '$form_field_change', field('email')),
      at(2000, '$form_field_change', field('email')),
      at(2100, '$form_field_blur', { ...field('email'), duration_ms: 2100 }),
      at(2500, '$form_field_focus', field('phone')),
      at(9500, '$form_field_blur', { ...field('phone'), duration_ms: 7000 }),
      at(12_000, '$form_abandon', { path: '/signup', form: 'signup', last_field: 'phone', fields_touched: 2 }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.signal.kind).toBe('form_abandon_field');
    expect(found[0]!.signal.sources).toEqual(['e5', 'e7']);
    expect(found[0]!.signal.properties).toMatchObject({
      form: 'signup',
      field: 'phone',
      value: 7000,
      fields_reached: 2,
      fields: [
        { field: 'email', time_ms: 2100, changes: 2 },
        { field: 'phone', time_ms: 7000, changes: 0 },
      ],
      refills: ['email'],
    });
  });

  it('flags nothing for a submitted form', () => {
    const at = device();
    expect(detectFriction([at(0, '$form_field_focus', field('email')), at(900, '$form_field_blur', field('email')), at(1000, '$form_submit', { path: '/signup', form: 'signup' })])).toEqual([]);
  });
});
