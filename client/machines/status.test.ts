import { beforeAll, describe, expect, it } from 'vitest';
import { describeStatus, formatSince, withLiveData } from './status';
import type { MachinesT } from './status';
import { machinesT } from './testing';

const MIN = 60_000;
// Local wall-clock times, so the tests read the same in every zone.
const NOW = new Date(2026, 11, 5, 14, 44).getTime();
const AT_1432 = new Date(2026, 11, 5, 14, 32).getTime();

let t: { de: MachinesT; en: MachinesT };
beforeAll(async () => {
  t = await machinesT();
});

describe('describeStatus', () => {
  it('says online, with the last data as an absolute time', () => {
    const status = describeStatus({ online: true, lastSeenAt: AT_1432 }, NOW, t.en, 'en');
    expect(status.online).toBe(true);
    expect(status.text).toBe('Online');
    expect(status.lastData).toContain('2026');
  });

  it('says since when a machine is offline, absolute and relative', () => {
    expect(describeStatus({ online: false, lastSeenAt: AT_1432 }, NOW, t.de, 'de').text).toBe(
      'Offline seit 14:32 (vor 12 Minuten)',
    );
    expect(describeStatus({ online: false, lastSeenAt: AT_1432 }, NOW, t.en, 'en').text).toBe(
      'Offline since 14:32 (12 minutes ago)',
    );
  });

  it('says that no data has arrived yet for a new machine', () => {
    const status = describeStatus({ online: false, lastSeenAt: null }, NOW, t.de, 'de');
    expect(status).toEqual({ online: false, text: 'Noch keine Daten', lastData: null });
  });
});

describe('formatSince', () => {
  it('gives the time today, weekday and time this week, else date and time', () => {
    expect(formatSince(AT_1432, NOW, 'de')).toBe('14:32');
    const tuesday = new Date(2026, 11, 1, 8, 5).getTime();
    expect(formatSince(tuesday, NOW, 'de')).toBe('Di 08:05');
    const older = new Date(2026, 10, 2, 8, 5).getTime();
    expect(formatSince(older, NOW, 'de')).toMatch(/2\.11\.2026|02\.11\.2026|2\. Nov\. 2026/);
    expect(formatSince(older, NOW, 'de')).toContain('08:05');
  });
});

describe('withLiveData', () => {
  it('turns a machine online when a live value arrives', () => {
    expect(withLiveData({ online: false, lastSeenAt: AT_1432 }, NOW - MIN)).toEqual({
      online: true,
      lastSeenAt: NOW - MIN,
    });
    expect(withLiveData({ online: false, lastSeenAt: null }, NOW)).toEqual({
      online: true,
      lastSeenAt: NOW,
    });
  });

  it('keeps the status as it is without live data', () => {
    const status = { online: false, lastSeenAt: AT_1432 };
    expect(withLiveData(status, null)).toBe(status);
  });

  it('keeps a later last data time than the live value', () => {
    expect(withLiveData({ online: true, lastSeenAt: NOW }, NOW - MIN)).toEqual({
      online: true,
      lastSeenAt: NOW,
    });
  });
});
