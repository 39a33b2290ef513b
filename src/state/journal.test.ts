import { Journal, type PendingEntry, type Validation } from './journal';

const valid: Validation = { valid: true, violations: [] };

const entry = (url: string, response: PendingEntry['response'] = valid): PendingEntry => ({
  at: '2026-03-14T09:30:00.000Z',
  method: 'GET',
  url,
  operationId: 'getJob',
  status: 200,
  durationMs: 1,
  request: { valid: true, violations: [] },
  response,
});

describe('Journal', () => {
  it('keeps the last entries up to its capacity, newest first', () => {
    const journal = new Journal(3);
    for (const url of ['/a', '/b', '/c', '/d']) journal.record(entry(url));
    expect(journal.read().map((e) => e.url)).toEqual(['/d', '/c', '/b']);
    expect(journal.read(2).map((e) => e.id)).toEqual([4, 3]);
  });

  it('stays within its byte budget, counting the answers kept for a check, and drops the oldest first', () => {
    const journal = new Journal(1000, 100_000);
    for (let i = 0; i < 10; i++) journal.record(entry(`/${i}`, { text: 'x'.repeat(20_000), check: () => valid }));
    expect(journal.size).toBeLessThanOrEqual(100_000);
    expect(journal.read().map((e) => e.url)).toEqual(['/9', '/8', '/7', '/6']);
  });

  it('does not keep an answer larger than a quarter of its budget, and says so', () => {
    const journal = new Journal(10, 100_000);
    const check = jest.fn(() => valid);
    journal.record(entry('/huge', { text: 'x'.repeat(30_000), check }));
    const [read] = journal.read();
    expect(read!.response).toEqual({ valid: null, violations: [], note: expect.stringMatching(/^not kept: .*too large/) });
    expect(check).not.toHaveBeenCalled();
    expect(journal.size).toBeLessThan(1000);
  });

  it('checks a kept answer once, when it is read, from its text', () => {
    const journal = new Journal(10);
    const check = jest.fn((text: string) => ({
      valid: text === 'ok',
      violations: [{ location: 'response' as const, pointer: '/id', rule: 'format', message: 'bad' }],
    }));
    journal.record(entry('/a', { text: 'broken', check }));
    expect(check).not.toHaveBeenCalled();
    expect(journal.read()[0]!.response).toEqual({ valid: false, violations: [expect.objectContaining({ rule: 'format' })] });
    journal.read();
    expect(check).toHaveBeenCalledTimes(1);
    expect(check).toHaveBeenCalledWith('broken');
  });

  it('is emptied by clear', () => {
    const journal = new Journal(10);
    journal.record(entry('/a', { text: 'x'.repeat(1000), check: () => valid }));
    journal.clear();
    expect(journal.read()).toEqual([]);
    expect(journal.size).toBe(0);
  });
});
