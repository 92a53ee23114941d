import { describe, expect, it } from 'vitest';
import { parsePreferences } from './preferences';

describe('parsePreferences', () => {
  it('reads a stored name and device ids', () => {
    const raw = JSON.stringify({ name: 'Ada', cameraId: 'cam', micId: 'mic' });
    expect(parsePreferences(raw)).toEqual({ name: 'Ada', cameraId: 'cam', micId: 'mic' });
  });

  it('returns empty preferences for missing, broken or foreign data', () => {
    const empty = { name: '', cameraId: null, micId: null };
    expect(parsePreferences(null)).toEqual(empty);
    expect(parsePreferences('{oops')).toEqual(empty);
    expect(parsePreferences('42')).toEqual(empty);
    expect(parsePreferences(JSON.stringify({ name: 7, cameraId: ['x'] }))).toEqual(empty);
  });

  it('drops an overlong name', () => {
    expect(parsePreferences(JSON.stringify({ name: 'x'.repeat(61) })).name).toBe('');
  });
});
