import { describe, expect, it } from 'vitest';
import { propertyChoices } from './property-choices.ts';

const values = (...vs: string[]) => vs.map((value) => ({ value, count: 1 }));

describe('propertyChoices', () => {
  it('keeps the suggestions in order, numeric only when every value is a number', () => {
    const suggested = [
      { property: 'price', count: 110, values: values('12.5', '30', '7') },
      { property: 'category', count: 110, values: values('candles', 'mugs', '42') },
      { property: 'sku', count: 40, values: values('123', 'A-7') },
      { property: 'note', count: 5, values: [] },
    ];
    expect(propertyChoices(suggested)).toEqual([
      { property: 'price', numeric: true },
      { property: 'category', numeric: false },
      { property: 'sku', numeric: false },
      { property: 'note', numeric: false },
    ]);
  });

  it('takes no blank or unbounded text for a number', () => {
    expect(propertyChoices([{ property: 'x', count: 1, values: values(' ') }])).toEqual([{ property: 'x', numeric: false }]);
    expect(propertyChoices([{ property: 'x', count: 1, values: values('Infinity') }])).toEqual([{ property: 'x', numeric: false }]);
    expect(propertyChoices([])).toEqual([]);
  });
});
