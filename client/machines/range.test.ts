import { describe, expect, it } from 'vitest';
import {
  advanceWindow,
  bucketMs,
  chartWindow,
  DEFAULT_RANGE,
  machineSearch,
  parseAt,
  parseRange,
  tickMs,
} from './range';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 11, 5, 14, 32);

describe('parseRange and parseAt', () => {
  it('accepts the offered ranges and falls back to the default', () => {
    expect(parseRange('24h')).toBe('24h');
    expect(parseRange('2h')).toBe(DEFAULT_RANGE);
    expect(parseRange(null)).toBe('1h');
  });

  it('reads a moment in epoch ms and refuses anything else', () => {
    expect(parseAt('1733400000000')).toBe(1733400000000);
    expect(parseAt('-5')).toBeNull();
    expect(parseAt('12abc')).toBeNull();
    expect(parseAt('')).toBeNull();
    expect(parseAt(null)).toBeNull();
    expect(parseAt('9'.repeat(40))).toBeNull();
  });
});

describe('chartWindow', () => {
  it('ends now and is live without a moment', () => {
    expect(chartWindow('1h', null, NOW)).toEqual({
      range: '1h',
      from: NOW - HOUR,
      to: NOW,
      live: true,
      marker: null,
      end: null,
    });
  });

  it('centres on a moment in the past and stays put', () => {
    const at = NOW - 5 * HOUR;
    expect(chartWindow('1h', at, NOW)).toEqual({
      range: '1h',
      from: at - 30 * MIN,
      to: at + 30 * MIN,
      live: false,
      marker: at,
      end: at + 30 * MIN,
    });
  });

  it('ends now, live and marked, when the centred window would reach the future', () => {
    const at = NOW - 10 * MIN;
    expect(chartWindow('1h', at, NOW)).toMatchObject({
      from: NOW - HOUR,
      to: NOW,
      live: true,
      marker: at,
      end: null,
    });
  });
});

describe('advanceWindow', () => {
  it('moves a live window along and keeps a fixed one', () => {
    const live = chartWindow('10m', null, NOW);
    expect(advanceWindow(live, NOW + 5000)).toMatchObject({
      from: NOW + 5000 - 10 * MIN,
      to: NOW + 5000,
    });
    const fixed = chartWindow('10m', NOW - HOUR, NOW);
    expect(advanceWindow(fixed, NOW + 5000)).toBe(fixed);
  });
});

describe('bucketMs and tickMs', () => {
  it('gives one point per thousandth of the range', () => {
    expect(bucketMs('10m')).toBe(600);
    expect(bucketMs('24h')).toBe(86_400);
  });

  it('moves a live window between once a second and once a minute', () => {
    expect(tickMs('10m')).toBe(1000);
    expect(tickMs('1h')).toBe(3600);
    expect(tickMs('30d')).toBe(60_000);
  });
});

describe('machineSearch', () => {
  it('leaves out the defaults and keeps range and moment otherwise', () => {
    expect(machineSearch('1h', null)).toBe('');
    expect(machineSearch('7d', null)).toBe('?range=7d');
    expect(machineSearch('1h', 1733400000000)).toBe('?at=1733400000000');
    expect(machineSearch('24h', 5)).toBe('?range=24h&at=5');
  });
});
