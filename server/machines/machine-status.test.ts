// The online rule: data within three expected intervals of any device; otherwise offline since
// the newest data of all devices.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../lib/clock.js';
import { computeMachineStatus } from './machine-status.js';

describe('computeMachineStatus', () => {
  const clock = new FakeClock();
  const seen = (secondsAgo: number, interval: number) => ({
    last_seen_at: clock.now() - secondsAgo * 1000,
    expected_interval_seconds: interval,
  });

  it('is offline with no devices or no data, since never', () => {
    expect(computeMachineStatus([], clock.now())).toEqual({ online: false, lastSeenAt: null });
    const silent = { last_seen_at: null, expected_interval_seconds: 60 };
    expect(computeMachineStatus([silent], clock.now())).toEqual({
      online: false,
      lastSeenAt: null,
    });
  });

  it('is online up to exactly three expected intervals after the last data', () => {
    expect(computeMachineStatus([seen(180, 60)], clock.now()).online).toBe(true);
    expect(computeMachineStatus([seen(181, 60)], clock.now()).online).toBe(false);
  });

  it('is online when any device is, and reports the newest data of all', () => {
    const fresh = seen(5, 1);
    const status = computeMachineStatus([seen(3000, 1), seen(10, 60), fresh], clock.now());
    expect(status).toEqual({ online: true, lastSeenAt: fresh.last_seen_at });
  });

  it('goes offline as the clock moves on, since the newest data', () => {
    const later = new FakeClock(clock.now());
    const devices = [seen(0, 10), seen(20, 10)];
    expect(computeMachineStatus(devices, later.now()).online).toBe(true);
    later.advance(31_000);
    expect(computeMachineStatus(devices, later.now())).toEqual({
      online: false,
      lastSeenAt: clock.now(),
    });
  });
});
