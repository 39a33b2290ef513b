import { CronExpressionParser } from 'cron-parser';
import type { Schedule } from '../spec/types';
import { scheduleZone } from './hourlyZone';
import { latestTime } from './representableTime';

/**
 * cron-parser is too slow to step through a zoned schedule for every job on every request. Both answers depend only on the schedule and the time, and many jobs share a schedule,
 * so they are memoised: the next run is reused while `time` stays before it.
 */
const memoLimit = 1000;
const nextMemo = new Map<string, { from: number; next: number | null }>();
const previousMemo = new Map<string, number[]>();
const maxPrevious = 8;

/**
 * The first run of a schedule strictly after `time`, or null when the expression cannot be read or
 * the run lies past 9999-12-31T23:59:59.999Z, which no RFC 3339 date-time can say.
 */
export function nextRun(schedule: Schedule, time: number): number | null {
  const key = `${schedule.timezone}|${schedule.cron_expression}`;
  const memo = nextMemo.get(key);
  if (memo && memo.from <= time && (memo.next === null || time < memo.next)) return memo.next;
  let next: number | null;
  try {
    next = parse(schedule, time).next().getTime();
    if (next > latestTime) next = null;
  } catch {
    next = null;
  }
  remember(nextMemo, key, { from: time, next });
  return next;
}

/** The last `count` (at most 8) runs of a schedule before `time`, oldest first, none before `notBefore`. */
export function previousRuns(schedule: Schedule, time: number, count: number, notBefore: number): number[] {
  const key = `${schedule.timezone}|${schedule.cron_expression}|${time}`;
  let runs = previousMemo.get(key);
  if (!runs) {
    runs = [];
    try {
      const expression = parse(schedule, time);
      while (runs.length < maxPrevious) runs.unshift(expression.prev().getTime());
    } catch {
      // An unreadable expression has no runs.
    }
    remember(previousMemo, key, runs);
  }
  return runs.slice(-count).filter((run) => run >= notBefore);
}

const recentMemo = new Map<string, { runs: number[]; next: number }>();

/**
 * The last `count` runs of a schedule at or before `time` and after `after`, oldest first. Memoised
 * per schedule and `after` while `time` stays between the last run found and the next one, so a
 * running clock recomputes at most once per trigger, and a long jump costs `count` steps, not one
 * per trigger passed.
 */
export function recentRuns(schedule: Schedule, time: number, count: number, after: number): number[] {
  const key = `${schedule.timezone}|${schedule.cron_expression}|${after}|${count}`;
  const memo = recentMemo.get(key);
  if (memo && (memo.runs.at(-1) ?? -Infinity) <= time && time < memo.next) return memo.runs;
  const runs: number[] = [];
  try {
    // cron-parser's prev() is strictly before its start; one millisecond later includes a run at `time` itself.
    const expression = parse(schedule, time + 1);
    while (runs.length < count) {
      const run = expression.prev().getTime();
      if (run <= after) break;
      runs.unshift(run);
    }
  } catch {
    // An unreadable expression has no runs.
  }
  remember(recentMemo, key, { runs, next: nextRun(schedule, time) ?? Infinity });
  return runs;
}

/** Whether a schedule's expression and time zone can be read. */
export function isReadableSchedule(schedule: Schedule): boolean {
  try {
    parse(schedule, 0);
    return true;
  } catch {
    return false;
  }
}

function parse(schedule: Schedule, time: number) {
  // cron-parser hands `tz` to luxon, which takes a Zone as well as a name; its type says string only.
  const tz = scheduleZone(schedule.timezone) as string;
  return CronExpressionParser.parse(schedule.cron_expression, { currentDate: new Date(time), tz });
}

function remember<T>(memo: Map<string, T>, key: string, value: T): void {
  if (memo.size >= memoLimit) memo.clear();
  memo.set(key, value);
}
