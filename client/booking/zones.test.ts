import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateKeyIn,
  dateRange,
  daysBetween,
  startOfDay,
  zoneChoices,
  zoneLabel,
  zoneName,
  zoneOffsetLabel,
  zoneOffsetMs,
} from './zones';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('dateKeyIn', () => {
  it('reads the date the clock in the zone shows', () => {
    const instant = at('2026-12-01T03:30:00Z');
    expect(dateKeyIn(instant, 'Europe/Berlin')).toBe('2026-12-01');
    expect(dateKeyIn(instant, 'America/New_York')).toBe('2026-11-30');
    expect(dateKeyIn(instant, 'Asia/Kolkata')).toBe('2026-12-01');
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-04-02')).toBe(5);
    expect(dateRange('2026-03-28', 3)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });
});

describe('startOfDay', () => {
  it('is local midnight on ordinary days', () => {
    expect(startOfDay('2026-12-01', 'Europe/Berlin')).toBe(at('2026-11-30T23:00:00Z'));
    expect(startOfDay('2026-07-01', 'America/New_York')).toBe(at('2026-07-01T04:00:00Z'));
    expect(startOfDay('2026-07-01', 'Asia/Kolkata')).toBe(at('2026-06-30T18:30:00Z'));
  });

  it('gives daylight-saving days their real length (23 and 25 hours)', () => {
    const zone = 'Europe/Berlin';
    expect(startOfDay('2026-03-29', zone)).toBe(at('2026-03-28T23:00:00Z'));
    expect(startOfDay('2026-03-30', zone) - startOfDay('2026-03-29', zone)).toBe(23 * HOUR);
    expect(startOfDay('2026-10-26', zone) - startOfDay('2026-10-25', zone)).toBe(25 * HOUR);
    const ny = 'America/New_York';
    expect(startOfDay('2026-03-09', ny) - startOfDay('2026-03-08', ny)).toBe(23 * HOUR);
    expect(startOfDay('2026-11-02', ny) - startOfDay('2026-11-01', ny)).toBe(25 * HOUR);
  });

  it('starts a day whose midnight is skipped when the clocks jump (Chile, September)', () => {
    // 2026-09-06 00:00 does not exist in Santiago: the clocks go from 23:59:59 to 01:00.
    expect(startOfDay('2026-09-06', 'America/Santiago')).toBe(at('2026-09-06T04:00:00Z'));
    expect(dateKeyIn(at('2026-09-06T04:00:00Z') - 1, 'America/Santiago')).toBe('2026-09-05');
  });

  it('starts a day after a repeated hour at its one midnight (Chile, April)', () => {
    expect(startOfDay('2026-04-05', 'America/Santiago')).toBe(at('2026-04-05T04:00:00Z'));
  });
});

describe('zone names and labels', () => {
  it('writes zones for people', () => {
    expect(zoneName('America/New_York')).toBe('America/New York');
    expect(zoneName('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos Aires');
  });

  it('says the offset at the instant, summer and winter apart', () => {
    expect(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetMs(at('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetLabel('Europe/Berlin', at('2026-01-15T12:00:00Z'), 'en')).toBe('GMT+1');
    expect(zoneOffsetLabel('Asia/Kolkata', at('2026-01-15T12:00:00Z'), 'en')).toBe('GMT+5:30');
    expect(zoneLabel('America/New_York', at('2026-07-15T12:00:00Z'), 'en')).toBe(
      'America/New York (GMT-4)',
    );
  });
});

describe('zoneChoices', () => {
  it("offers the guest's zone, then the seller's, then common ones, then the rest A–Z", () => {
    const choices = zoneChoices('America/Chicago', 'Europe/Berlin', [
      'Pacific/Auckland',
      'Africa/Cairo',
      'Europe/Berlin',
    ]);
    expect(choices.suggested.slice(0, 2)).toEqual(['America/Chicago', 'Europe/Berlin']);
    expect(new Set(choices.suggested).size).toBe(choices.suggested.length);
    expect(choices.suggested).toContain('America/New_York');
    expect(choices.others).toEqual(['Africa/Cairo', 'Pacific/Auckland']);
  });

  it('leaves out unknown zones and old names of suggested ones', () => {
    const choices = zoneChoices('Mars/Olympus', 'Europe/Berlin', ['Asia/Calcutta', 'Asia/Tokyo']);
    expect(choices.suggested).not.toContain('Mars/Olympus');
    expect(choices.suggested).toContain('Asia/Kolkata');
    expect(choices.others).not.toContain('Asia/Calcutta');
  });
});
