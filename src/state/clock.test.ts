import { latestTime, UnrepresentableTimeError } from '../data/representableTime';
import { ClockError, VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('stays put when frozen and moves when set or advanced', () => {
    const clock = new VirtualClock(1000, 'frozen');
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    clock.set(4000);
    expect(clock.now()).toBe(4000);
  });

  it('runs at real speed from its start when running', () => {
    let wall = 50_000;
    const clock = new VirtualClock(1000, 'running', () => wall);
    wall += 250;
    expect(clock.now()).toBe(1250);
    clock.advance(1000);
    expect(clock.now()).toBe(2250);
    wall += 10;
    expect(clock.now()).toBe(2260);
  });

  it('refuses to move backwards', () => {
    const clock = new VirtualClock(1000, 'frozen');
    expect(() => clock.set(999)).toThrow(ClockError);
    expect(() => clock.advance(-1)).toThrow(ClockError);
    expect(clock.now()).toBe(1000);
  });

  it('refuses times it cannot represent, and a running clock stops at the end of 9999', () => {
    let wall = 0;
    const clock = new VirtualClock(latestTime - 1000, 'running', () => wall);
    expect(() => clock.advance(1001)).toThrow(UnrepresentableTimeError);
    expect(() => clock.set(Number.NaN)).toThrow(UnrepresentableTimeError);
    expect(() => new VirtualClock(-1, 'frozen')).toThrow(UnrepresentableTimeError);
    wall += 5000;
    expect(clock.now()).toBe(latestTime);
  });
});
