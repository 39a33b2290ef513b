import { readDateTime } from './readDateTime';

describe('readDateTime', () => {
  it('reads the forms servers send, naming each', () => {
    expect(readDateTime('2026-03-14T08:30:00.000Z')).toEqual({ form: 'RFC 3339', iso: '2026-03-14T08:30:00.000Z' });
    expect(readDateTime(1773477000000)).toEqual({ form: 'epoch milliseconds', iso: '2026-03-14T08:30:00.000Z' });
    expect(readDateTime(1773477000)).toEqual({ form: 'epoch seconds', iso: '2026-03-14T08:30:00.000Z' });
    expect(readDateTime('2026-03-14 08:30:00')).toEqual({ form: 'date-times without a time zone', iso: '2026-03-14T08:30:00.000Z' });
    expect(readDateTime('/Date(1773477000000)/')?.form).toBe('ASP.NET /Date(ms)/ strings');
  });

  it('leaves what is no date-time alone', () => {
    expect(readDateTime('14/03/2026 09:30')).toBeUndefined();
  });
});
