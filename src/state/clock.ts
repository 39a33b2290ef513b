import { assertRepresentableTime, latestTime } from '../data/representableTime';

/** Where time enters the mock: every "now" is read from a clock, never from Date.now directly. */
export interface Clock {
  /** The current time in epoch milliseconds. */
  now(): number;
}

/** A clock that can be moved: by the control API, and by tests (which never sleep). */
export interface SettableClock extends Clock {
  readonly mode: 'running' | 'frozen';
  /** Sets the time; it only moves forward, so runs never un-happen. Throws UnrepresentableTimeError past 9999. */
  set(time: number): void;
  advance(milliseconds: number): void;
}

/** The clock moved backwards: refused, as runs and triggers already seen would un-happen. */
export class ClockError extends Error {}

/**
 * The mock's virtual clock: starts at `start`, then either stays there ('frozen') or runs at real
 * speed ('running'). Either way it can be set or advanced.
 * `const clock = new VirtualClock(Date.parse('2026-03-14T09:30:00Z'), 'frozen'); clock.advance(5_000)`.
 */
export class VirtualClock implements SettableClock {
  private base: number;
  private origin: number;

  constructor(
    start: number,
    readonly mode: 'running' | 'frozen',
    private readonly wallClock: () => number = Date.now,
  ) {
    assertRepresentableTime(start);
    this.base = start;
    this.origin = wallClock();
  }

  now(): number {
    // A running clock set near the end of 9999 stops there rather than run into years toISOString writes as `+010000`.
    return this.mode === 'frozen' ? this.base : Math.min(this.base + (this.wallClock() - this.origin), latestTime);
  }

  set(time: number): void {
    assertRepresentableTime(time);
    const now = this.now();
    if (time < now)
      throw new ClockError(`the clock only moves forward: ${new Date(time).toISOString()} is before ${new Date(now).toISOString()}`);
    this.base = time;
    this.origin = this.wallClock();
  }

  advance(milliseconds: number): void {
    if (milliseconds < 0) throw new ClockError('the clock only moves forward');
    this.set(this.now() + milliseconds);
  }

  /** Where the clock stands, to share it between replicas: it read `base` at wall time `origin`. */
  get reading(): ClockReading {
    return { base: this.base, origin: this.origin };
  }

  /** Takes another replica's reading, so both clocks tell the same time. */
  adopt(reading: ClockReading): void {
    this.base = reading.base;
    this.origin = reading.origin;
  }
}

/** A clock's state: the time `base` it read at wall time `origin` (both epoch ms). */
export interface ClockReading {
  base: number;
  origin: number;
}
