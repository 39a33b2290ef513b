import { applyOverlay, type Overlay } from './applyOverlay';

const overlayOf = (actions: Overlay['actions']): Overlay => ({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions });

describe('applyOverlay', () => {
  it('merges updates into objects, appends to arrays and removes targets, in order', () => {
    const document = { a: { b: 1, c: { d: [1] } }, list: [1, 2], gone: { x: 1 } };
    const touched = applyOverlay(
      document,
      overlayOf([
        { target: '$.a', update: { c: { e: 2 }, f: 'g' } },
        { target: '$.list', update: 3 },
        { target: '$.gone', remove: true },
        { target: '$.a.c.d', remove: true },
      ]),
      'test.yaml',
    );
    expect(document).toEqual({ a: { b: 1, c: { e: 2 }, f: 'g' }, list: [1, 2, 3] });
    expect(touched).toEqual([['/a'], ['/list'], ['/gone'], ['/a/c/d']]);
  });

  it('removes every match of a filter, later ones first', () => {
    const document = { items: [{ n: 1 }, { n: 2 }, { n: 3 }] };
    applyOverlay(document, overlayOf([{ target: '$.items[?@.n > 1]', remove: true }]), 'test.yaml');
    expect(document).toEqual({ items: [{ n: 1 }] });
  });

  it('names the action whose target matches nothing', () => {
    expect(() => applyOverlay({}, overlayOf([{ target: '$.missing', update: {}, description: 'rename x' }]), 'o.yaml')).toThrow(
      'o.yaml: action 0 (rename x): target $.missing matches nothing in the spec',
    );
  });
});
