import { describe, expect, it } from 'vitest';
import { SpeedMeter, formatDuration, formatSpeed, percentOf, secondsLeft } from '../../../src/models-cache/progress';

describe('SpeedMeter', () => {
  it('is 0 until there are two samples over at least 200 ms', () => {
    const m = new SpeedMeter();
    expect(m.bytesPerSecond(0)).toBe(0);
    m.add(1000, 0);
    expect(m.bytesPerSecond(100)).toBe(0);
    m.add(1000, 100);
    expect(m.bytesPerSecond(100)).toBe(0);
  });
  it('measures bytes per second between the first and last sample', () => {
    const m = new SpeedMeter();
    m.add(500, 0);
    m.add(1000, 500);
    m.add(1000, 1000);
    expect(m.bytesPerSecond(1000)).toBe(2000);
  });
  it('forgets samples older than its window, so a stall or speed-up shows quickly', () => {
    const m = new SpeedMeter(1000);
    m.add(0, 0);
    m.add(100_000, 1000); // fast first second
    for (let t = 2000; t <= 5000; t += 1000) m.add(1000, t); // then slow
    expect(m.bytesPerSecond(5000)).toBe(1000);
  });
  it('falls as time passes with no new bytes', () => {
    const m = new SpeedMeter();
    m.add(0, 0);
    m.add(1000, 1000);
    expect(m.bytesPerSecond(2000)).toBe(500);
  });
});

describe('percent and time left', () => {
  it('rounds percent to one decimal and caps at 100', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(5, 4)).toBe(100);
    expect(percentOf(0, 0)).toBe(0);
  });
  it('computes seconds left, undefined when the speed is unknown', () => {
    expect(secondsLeft(100, 1100, 300)).toBe(4);
    expect(secondsLeft(100, 1100, 0)).toBeUndefined();
    expect(secondsLeft(2000, 1000, 10)).toBe(0);
  });
  it('formats speed and duration for people', () => {
    expect(formatSpeed(1_234_567)).toBe('1.2 MB/s');
    expect(formatSpeed(850_400)).toBe('850 kB/s');
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(250)).toBe('4 min 10 s');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(undefined)).toBe('');
  });
});
