import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { scheduleZone } from './hourlyZone';
import { sweep } from './testing/sweep';

/**
 * Six runs each way from `time`, stepped in `tz`, or the error cron-parser throws: it gives up on
 * some schedules near Lord Howe's half-hour clock changes, and must do so in both zones alike.
 */
function runsAround(cron: string, tz: unknown, time: number): (number | string)[] {
  try {
    const options = { currentDate: new Date(time), tz: tz as string };
    const forward = CronExpressionParser.parse(cron, options);
    const backward = CronExpressionParser.parse(cron, options);
    return [...Array.from({ length: 6 }, () => backward.prev().getTime()), ...Array.from({ length: 6 }, () => forward.next().getTime())];
  } catch (error) {
    return [`cron-parser: ${(error as Error).message}`];
  }
}

// Zones with daylight saving time at 02:00 and 01:00, half an hour of it (Lord Howe), and odd offsets.
const zones = ['America/New_York', 'Europe/London', 'Europe/Amsterdam', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
// Runs inside the hour clocks skip or repeat, on the hour, every quarter and once a week.
const crons = ['30 2 * * *', '0 1 * * *', '*/15 * * * *', '0 * * * *', '45 5 * * 1', '0 8 1 * *', '15 */2 * * *'];

describe('a schedule stepped in an hourly zone', () => {
  it('runs at the same instants as in the plain IANA zone, across every change of offset', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...crons),
        fc.integer({ min: Date.parse('2019-01-01T00:00:00Z'), max: Date.parse('2031-12-31T00:00:00Z') }),
        (zone, cron, time) => {
          expect(runsAround(cron, scheduleZone(zone), time)).toEqual(runsAround(cron, zone, time));
        },
      ),
      { numRuns: sweep(30, 500) },
    );
  });

  it('fails where the plain zone fails, as cron-parser does for a monthly run as Lord Howe changes its clocks', () => {
    const time = Date.parse('2028-09-30T21:00:00Z');
    expect(runsAround('0 8 1 * *', scheduleZone('Australia/Lord_Howe'), time)).toEqual(
      runsAround('0 8 1 * *', 'Australia/Lord_Howe', time),
    );
  });

  it('runs at the same instants in the hours each zone changes its clocks', () => {
    const changes: Record<string, string[]> = {
      'America/New_York': ['2026-03-08T06:59:00Z', '2026-11-01T05:59:00Z'],
      'Europe/London': ['2026-03-29T00:59:00Z', '2026-10-25T00:59:00Z'],
      'Europe/Amsterdam': ['2026-03-29T00:59:00Z', '2026-10-25T00:59:00Z'],
      'Australia/Lord_Howe': ['2026-04-04T14:59:00Z', '2026-10-03T15:29:00Z'],
      'America/St_Johns': ['2026-03-08T05:29:00Z', '2026-11-01T03:29:00Z'],
    };
    for (const [zone, instants] of Object.entries(changes))
      for (const cron of ['30 2 * * *', '0 1 * * *', '*/15 * * * *', '0 * * * *'])
        for (const instant of instants)
          expect(runsAround(cron, scheduleZone(zone), Date.parse(instant))).toEqual(runsAround(cron, zone, Date.parse(instant)));
  });

  it('leaves UTC and unknown names as they are, so an unknown zone stays unreadable', () => {
    expect(scheduleZone('UTC')).toBe('UTC');
    expect(scheduleZone('Mars/Olympus_Mons')).toBe('Mars/Olympus_Mons');
    expect(runsAround('0 * * * *', scheduleZone('Mars/Olympus_Mons'), 0)).toEqual([expect.stringMatching(/^cron-parser: /)]);
  });
});
