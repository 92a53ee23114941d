import { describe, expect, it } from 'vitest';
import { localDayStart, touchpointFromForm } from './touchpoint';

describe('touchpointFromForm', () => {
  it('logs a call with an empty summary (one click)', () => {
    expect(touchpointFromForm({ kind: 'call', summary: '  ', nextStep: '', due: '' })).toEqual({
      kind: 'call',
      summary: '',
    });
  });

  it('sends the next step with its due day at local midnight', () => {
    expect(
      touchpointFromForm({
        kind: 'email',
        summary: 'Angebot geschickt',
        nextStep: ' Nachfassen ',
        due: '2026-12-05',
      }),
    ).toEqual({
      kind: 'email',
      summary: 'Angebot geschickt',
      nextStep: 'Nachfassen',
      nextStepDueAt: new Date(2026, 11, 5).getTime(),
    });
  });

  it('drops a due day without a next step', () => {
    expect(
      touchpointFromForm({ kind: 'note', summary: 'x', nextStep: '', due: '2026-12-05' }),
    ).toEqual({
      kind: 'note',
      summary: 'x',
    });
  });
});

describe('localDayStart', () => {
  it('reads only real calendar days', () => {
    expect(localDayStart('2026-02-29')).toBeNull();
    expect(localDayStart('05.12.2026')).toBeNull();
    expect(localDayStart('2028-02-29')).toBe(new Date(2028, 1, 29).getTime());
  });
});
