import { Journal, type PendingEntry } from './journal';

const entry = (url: string, checkResponse: PendingEntry['checkResponse'] = () => []): PendingEntry => ({
  at: '2026-03-14T09:30:00.000Z',
  method: 'GET',
  url,
  operationId: 'getJob',
  status: 200,
  durationMs: 1,
  request: { valid: true, violations: [] },
  checkResponse,
});

describe('Journal', () => {
  it('keeps the last entries up to its capacity, newest first', () => {
    const journal = new Journal(3);
    for (const url of ['/a', '/b', '/c', '/d']) journal.record(entry(url));
    expect(journal.read().map((e) => e.url)).toEqual(['/d', '/c', '/b']);
    expect(journal.read(2).map((e) => e.id)).toEqual([4, 3]);
  });

  it('lets go of answers beyond the newest unread ones, unchecked', () => {
    const journal = new Journal(10, 2);
    const checks = ['/a', '/b', '/c'].map(() => jest.fn(() => []));
    ['/a', '/b', '/c'].forEach((url, i) => journal.record(entry(url, checks[i])));
    expect(journal.read().map((e) => e.response.valid)).toEqual([true, true, null]);
    expect(checks[0]).not.toHaveBeenCalled();
  });

  it('checks an answer once, when it is read', () => {
    const journal = new Journal(10);
    const check = jest.fn(() => [{ location: 'response' as const, pointer: '/id', rule: 'format', message: 'bad' }]);
    journal.record(entry('/a', check));
    expect(check).not.toHaveBeenCalled();
    expect(journal.read()[0]!.response).toEqual({ valid: false, violations: [expect.objectContaining({ rule: 'format' })] });
    journal.read();
    expect(check).toHaveBeenCalledTimes(1);
  });
});
