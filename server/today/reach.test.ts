// Best-reach windows in time: local weekday and time, and reachability across zones and DST.
import { describe, expect, it } from 'vitest';
import type { ReachWindow } from '../../shared/contacts.js';
import { FakeClock } from '../lib/clock.js';
import { parseReachText } from '../../shared/reach-text.js';
import { localMoment, reachStatus } from './reach.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('localMoment', () => {
  it('reads the weekday and time in the contact’s zone', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 29, 16, 0));
    expect(localMoment(clock.now(), 'Asia/Tokyo')).toEqual({
      weekday: 1,
      time: '01:00',
      zone: 'Asia/Tokyo',
      assumed: false,
      label: '01:00 Tokyo',
    });
    expect(localMoment(clock.now(), 'America/Argentina/Buenos_Aires').label).toBe(
      '13:00 Buenos Aires',
    );
  });

  it('assumes Europe/Berlin for a contact without a zone or with an unknown one', () => {
    const now = Date.UTC(2026, 10, 28, 9, 0);
    const berlin = { weekday: 6, time: '10:00', zone: 'Europe/Berlin', assumed: true };
    expect(localMoment(now, null)).toMatchObject(berlin);
    expect(localMoment(now, 'Mars/Olympus_Mons')).toMatchObject(berlin);
  });
});

describe('reachStatus', () => {
  const mondayMorning: ReachWindow[] = [{ days: [1], from: '09:00', to: '10:00' }];

  it('is in the window from its start up to, not including, its end', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 7, 59));
    expect(reachStatus(mondayMorning, 'Europe/Berlin', clock.now()).inWindow).toBe(false);
    clock.advance(MINUTE);
    expect(reachStatus(mondayMorning, 'Europe/Berlin', clock.now()).inWindow).toBe(true);
    clock.advance(59 * MINUTE);
    expect(reachStatus(mondayMorning, 'Europe/Berlin', clock.now()).inWindow).toBe(true);
    clock.advance(MINUTE);
    expect(reachStatus(mondayMorning, 'Europe/Berlin', clock.now()).inWindow).toBe(false);
  });

  it('gives the next start after now, a week ahead while the only window is running', () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 30, 8, 30));
    expect(reachStatus(mondayMorning, 'Europe/Berlin', clock.now())).toEqual({
      inWindow: true,
      nextStart: Date.UTC(2026, 11, 7, 8, 0),
    });
  });

  it('gives the later window today before one tomorrow', () => {
    const windows = parseReachText('Mo–Fr 8–9; Mo 14–15') as ReachWindow[];
    const now = Date.UTC(2026, 10, 30, 9, 0);
    expect(reachStatus(windows, null, now).nextStart).toBe(Date.UTC(2026, 10, 30, 13, 0));
  });

  it('has no next start without windows', () => {
    expect(reachStatus([], 'Europe/Berlin', Date.UTC(2026, 10, 30))).toEqual({
      inWindow: false,
      nextStart: null,
    });
  });

  it('keeps the wall-clock start across the spring switch in Europe/Berlin', () => {
    // Friday 27 March 2026, 12:00 CET; clocks go forward on Sunday 29 March.
    const now = Date.UTC(2026, 2, 27, 11, 0);
    // Monday 09:00 is CEST (UTC+2) by then: 07:00 UTC, not the 08:00 a fixed offset would give.
    expect(reachStatus(mondayMorning, 'Europe/Berlin', now).nextStart).toBe(
      Date.UTC(2026, 2, 30, 7, 0),
    );
  });

  it('moves a start the spring switch skips forward by the gap', () => {
    const sundayNight: ReachWindow[] = [{ days: [7], from: '02:30', to: '04:00' }];
    const clock = new FakeClock(Date.UTC(2026, 2, 28, 12, 0));
    // 02:30 does not exist on 29 March 2026 in Berlin; 03:30 CEST is 01:30 UTC.
    expect(reachStatus(sundayNight, 'Europe/Berlin', clock.now()).nextStart).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    );
    clock.advance(12 * HOUR + 59 * MINUTE); // 00:59 UTC, 01:59 CET
    expect(reachStatus(sundayNight, 'Europe/Berlin', clock.now()).inWindow).toBe(false);
    clock.advance(MINUTE); // 01:00 UTC, 03:00 CEST: the gap is over and 03:00 lies in the window
    expect(reachStatus(sundayNight, 'Europe/Berlin', clock.now()).inWindow).toBe(true);
  });

  it('takes the earlier of two identical wall times on the autumn switch', () => {
    const sundayNight: ReachWindow[] = [{ days: [7], from: '02:30', to: '03:00' }];
    const now = Date.UTC(2026, 9, 24, 12, 0);
    // 02:30 happens twice on 25 October 2026: first at CEST (00:30 UTC), then at CET.
    expect(reachStatus(sundayNight, 'Europe/Berlin', now).nextStart).toBe(
      Date.UTC(2026, 9, 25, 0, 30),
    );
  });

  it('reads a Chicago contact’s window in Chicago time, before and after its own switch', () => {
    const windows = parseReachText('Tue–Thu 08:00–10:00') as ReachWindow[];
    // Monday 2 March 2026: Chicago on CST (UTC−6).
    expect(reachStatus(windows, 'America/Chicago', Date.UTC(2026, 2, 2, 15, 0))).toEqual({
      inWindow: false,
      nextStart: Date.UTC(2026, 2, 3, 14, 0),
    });
    // Monday 9 March 2026: Chicago moved to CDT (UTC−5) on 8 March, Berlin still on CET.
    const clock = new FakeClock(Date.UTC(2026, 2, 9, 15, 0));
    expect(reachStatus(windows, 'America/Chicago', clock.now())).toEqual({
      inWindow: false,
      nextStart: Date.UTC(2026, 2, 10, 13, 0),
    });
    clock.advance(22 * HOUR + 30 * MINUTE); // Tuesday 08:30 CDT, 14:30 in Berlin
    expect(reachStatus(windows, 'America/Chicago', clock.now()).inWindow).toBe(true);
    expect(reachStatus(windows, 'Europe/Berlin', clock.now()).inWindow).toBe(false);
  });
});
