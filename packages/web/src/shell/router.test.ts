import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './router.ts';

describe('the app paths', () => {
  it('reads the project, the section and what follows', () => {
    expect(parseRoute('/p/default/map/online-shop')).toEqual({ project: 'default', section: 'map', rest: ['online-shop'] });
    expect(parseRoute('/p/default/people/user%2042')).toEqual({ project: 'default', section: 'people', rest: ['user 42'] });
    expect(parseRoute('/p/acme')).toEqual({ project: 'acme', section: 'map', rest: [] });
    expect(parseRoute('/')).toEqual({ project: null, section: 'map', rest: [] });
    expect(parseRoute('/p/acme/unknown')).toEqual({ project: 'acme', section: 'map', rest: [] });
    expect(parseRoute('/p/acme/sessions/s-1')).toEqual({ project: 'acme', section: 'sessions', rest: ['s-1'] });
    expect(parseRoute('/p/acme/surveys')).toEqual({ project: 'acme', section: 'surveys', rest: [] });
    expect(parseRoute('/p/acme/themes')).toEqual({ project: 'acme', section: 'themes', rest: [] });
  });

  it('writes paths that read back the same, ids with any character included', () => {
    const path = routePath('default', 'people', 'anon/1 ?#');
    expect(path).toBe('/p/default/people/anon%2F1%20%3F%23');
    expect(parseRoute(path).rest).toEqual(['anon/1 ?#']);
  });
});
