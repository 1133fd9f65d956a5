import { describe, expect, it } from 'vitest';
import { propertyChoices } from './property-choices.ts';

const values = (...vs: string[]) => vs.map((value) => ({ value, count: 1 }));

describe('propertyChoices', () => {
  it('lists each property once, on the most events first, numeric only when every value is a number', () => {
    const viewed = [
      { property: 'price', count: 90, values: values('12.5', '30', '7') },
      { property: 'category', count: 90, values: values('candles', 'mugs') },
      { property: 'sku', count: 40, values: values('123', 'A-7') },
    ];
    const added = [
      { property: 'price', count: 20, values: values('12.5') },
      { property: 'quantity', count: 20, values: values('1', '2') },
      { property: 'category', count: 20, values: values('42') },
      { property: 'note', count: 5, values: [] },
    ];
    expect(propertyChoices([viewed, added])).toEqual([
      { property: 'category', numeric: false },
      { property: 'price', numeric: true },
      { property: 'sku', numeric: false },
      { property: 'quantity', numeric: true },
      { property: 'note', numeric: false },
    ]);
  });

  it('takes no blank or unbounded text for a number', () => {
    expect(propertyChoices([[{ property: 'x', count: 1, values: values(' ') }]])).toEqual([{ property: 'x', numeric: false }]);
    expect(propertyChoices([[{ property: 'x', count: 1, values: values('Infinity') }]])).toEqual([{ property: 'x', numeric: false }]);
    expect(propertyChoices([])).toEqual([]);
  });
});
