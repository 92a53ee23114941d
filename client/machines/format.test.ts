import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../shared/ids';
import { chartTitle, findKeyMeta, formatReading, keyLabel, valueTickLabels } from './format';
import { device, machine } from './testing';

const meta = { key: 'temp', displayName: 'Spindle temperature', unit: '°C', meaning: null };

describe('keyLabel and findKeyMeta', () => {
  it('uses the display name, else the key', () => {
    expect(keyLabel(meta, 'temp')).toBe('Spindle temperature');
    expect(keyLabel({ displayName: '  ' }, 'temp')).toBe('temp');
    expect(keyLabel(null, 'temp')).toBe('temp');
  });

  it('finds a key of a device', () => {
    const devices = [device({ keys: [meta] })];
    expect(findKeyMeta(devices, devices[0]!.id, 'temp')).toBe(meta);
    expect(findKeyMeta(devices, devices[0]!.id, 'rpm')).toBeNull();
    expect(findKeyMeta(devices, 'dev-zzzzzzzz' as DeviceId, 'temp')).toBeNull();
  });
});

describe('formatReading', () => {
  it('writes the number in the UI language with its unit on the same line', () => {
    expect(formatReading(21.5, '°C', 'de')).toBe('21,5\u00a0°C');
    expect(formatReading(1234.56, 'rpm', 'en')).toBe('1,234.6\u00a0rpm');
    expect(formatReading(0.00421, 'bar', 'en')).toBe('0.0042\u00a0bar');
    expect(formatReading(42, null, 'en')).toBe('42');
  });
});

describe('chartTitle', () => {
  it('names the device only when the machine has several', () => {
    const one = machine({ devices: [device({ keys: [meta] })] });
    expect(chartTitle(one, one.devices[0]!.id, 'temp')).toBe('Spindle temperature');
    const second = device({ id: 'dev-bbbbbbbb' as DeviceId, name: 'Hydraulics' });
    const two = machine({ devices: [device({ keys: [meta] }), second] });
    expect(chartTitle(two, second.id, 'pressure')).toBe('pressure · Hydraulics');
  });
});

describe('valueTickLabels', () => {
  it('shows as many decimals as the step between ticks needs', () => {
    expect(valueTickLabels([0, 10, 20], 10, 'de')).toEqual(['0', '10', '20']);
    expect(valueTickLabels([0, 0.5, 1], 0.5, 'de')).toEqual(['0,0', '0,5', '1,0']);
    expect(valueTickLabels([1, 1.25], 0.25, 'en')).toEqual(['1.00', '1.25']);
  });
});
