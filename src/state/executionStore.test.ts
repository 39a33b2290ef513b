import type { InstanceTimeline } from '../data/timeline';
import { ExecutionStore } from './executionStore';

const run = (n: number): InstanceTimeline => ({
  id: `run-${n}`,
  triggered_by: 'manual',
  queued_at: n * 1000,
  started_at: n * 1000 + 10,
  ended_at: n * 1000 + 20,
  outcome: 'completed',
});

describe('the runs started through the mock', () => {
  it('keep the newest runs of a job up to the bound, in order, in a new array at every change', () => {
    const store = new ExecutionStore(3, 100);
    const seen: (readonly InstanceTimeline[])[] = [];
    for (let n = 1; n <= 5; n++) {
      store.add('a', run(n));
      seen.push(store.runsOf('a'));
    }
    expect(store.runsOf('a').map((r) => r.id)).toEqual(['run-3', 'run-4', 'run-5']);
    // Each change hands out another array, so a rendering cached for the last one is not reused.
    expect(new Set(seen).size).toBe(5);
    expect(seen[2]!.map((r) => r.id)).toEqual(['run-1', 'run-2', 'run-3']);
  });

  it('keep at most the overall bound, the least recently executed job forgetting first', () => {
    const store = new ExecutionStore(10, 5);
    for (let n = 1; n <= 3; n++) store.add('old', run(n));
    for (let n = 4; n <= 6; n++) store.add('new', run(n));
    expect(store.runsOf('old').map((r) => r.id)).toEqual(['run-2', 'run-3']);
    store.add('old', run(7));
    // 'old' was executed last now: 'new' forgets its oldest.
    expect(store.runsOf('new').map((r) => r.id)).toEqual(['run-5', 'run-6']);
    expect(store.runsOf('old').map((r) => r.id)).toEqual(['run-2', 'run-3', 'run-7']);
    for (let n = 8; n <= 12; n++) store.add('third', run(n));
    expect(store.runsOf('old')).toEqual([]);
    expect(store.runsOf('new')).toEqual([]);
  });

  it('forget the same runs on a replica that reloads as on the one that wrote them', () => {
    const writer = new ExecutionStore(10, 3);
    writer.add('b', run(1));
    writer.add('a', run(2));
    writer.add('b', run(3));
    writer.add('a', run(4));
    const reloaded = new ExecutionStore(10, 3);
    // Redis gives the jobs in any order.
    reloaded.replaceAll(
      new Map([
        ['a', [run(2), run(4)]],
        ['b', [run(1), run(3)]],
      ]),
    );
    expect(['a', 'b'].map((id) => reloaded.runsOf(id).map((r) => r.id))).toEqual(
      ['a', 'b'].map((id) => writer.runsOf(id).map((r) => r.id)),
    );
  });

  it("take a replica's state within the same bounds", () => {
    const store = new ExecutionStore(2, 3);
    store.replaceAll(
      new Map([
        ['a', [run(1), run(2), run(3)]],
        ['b', [run(4), run(5)]],
      ]),
    );
    expect(store.runsOf('a').map((r) => r.id)).toEqual(['run-3']);
    expect(store.runsOf('b').map((r) => r.id)).toEqual(['run-4', 'run-5']);
    store.reset();
    expect(store.runsOf('b')).toEqual([]);
  });
});
