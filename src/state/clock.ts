/** Where time enters the mock: every "now" is read from a clock, never from Date.now directly. */
export interface Clock {
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** A clock that moves only when told to: for tests and for the frozen clock mode. */
export class ManualClock implements Clock {
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  set(time: number): void {
    this.time = time;
  }

  advance(milliseconds: number): void {
    this.time += milliseconds;
  }
}

/** A clock that starts at `start` and runs at real speed from the moment it is made. */
export function runningClock(start: number, wallClock: () => number = Date.now): Clock {
  const origin = wallClock();
  return { now: () => start + (wallClock() - origin) };
}
