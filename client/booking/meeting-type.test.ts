import { describe, expect, it } from 'vitest';
import type { MeetingTypeView } from '../../shared/api/booking';
import type { MeetingTypeId } from '../../shared/ids';
import {
  checkMeetingType,
  hoursText,
  meetingTypeDraft,
  newMeetingTypeDraft,
  readNumber,
} from './meeting-type';

describe('newMeetingTypeDraft', () => {
  it('has defaults the server accepts as they are, once named', () => {
    expect(checkMeetingType({ ...newMeetingTypeDraft(), name: 'Kennenlernen' })).toEqual({
      ok: true,
      value: {
        name: 'Kennenlernen',
        durationMinutes: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 10,
        minimumNoticeMinutes: 240,
        horizonDays: 60,
        slotStepMinutes: 30,
        dailyLimit: null,
        questions: [],
        active: true,
      },
    });
  });
});

describe('readNumber', () => {
  it('reads decimals with a point or a comma', () => {
    expect(readNumber('1,5')).toBe(1.5);
    expect(readNumber(' 90 ')).toBe(90);
    expect(readNumber('1.000,5')).toBeNull();
    expect(readNumber('-3')).toBeNull();
  });
});

describe('checkMeetingType', () => {
  it('turns hours of notice into minutes and keeps a given slug, lower-cased', () => {
    const checked = checkMeetingType({
      ...newMeetingTypeDraft(),
      name: 'Demo',
      slug: 'Maschinen-Demo',
      noticeHours: '1,5',
      dailyLimit: '3',
      questions: [{ key: 'a', id: 'q1', label: ' Which machine? ', required: true }],
    });
    expect(checked).toMatchObject({
      ok: true,
      value: {
        slug: 'maschinen-demo',
        minimumNoticeMinutes: 90,
        dailyLimit: 3,
        questions: [{ id: 'q1', label: 'Which machine?', required: true }],
      },
    });
  });

  it('shows every problem at once', () => {
    const checked = checkMeetingType({
      ...newMeetingTypeDraft(),
      name: '',
      slug: 'no spaces',
      durationMinutes: '2',
      bufferAfterMinutes: 'ten',
      horizonDays: '1.5',
      slotStepMinutes: '',
      dailyLimit: '0',
      questions: [{ key: 'a', label: ' ', required: false }],
    });
    expect(checked).toEqual({
      ok: false,
      errors: {
        name: 'required',
        slug: 'slug',
        durationMinutes: 'range',
        bufferAfterMinutes: 'number',
        horizonDays: 'wholeNumber',
        slotStepMinutes: 'required',
        dailyLimit: 'range',
        questions: { 0: 'required' },
      },
    });
  });
});

describe('meetingTypeDraft', () => {
  it('shows a stored type in the form, notice in hours of the language', () => {
    const view: MeetingTypeView = {
      id: 'mt-aaaaaaaa' as MeetingTypeId,
      name: 'Demo',
      slug: 'demo',
      url: 'https://nahbar.example/book/anna/demo',
      durationMinutes: 45,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 90,
      horizonDays: 30,
      slotStepMinutes: 15,
      dailyLimit: null,
      questions: [{ id: 'q1', label: 'Which machine?', required: true }],
      active: false,
      position: 0,
    };
    const draft = meetingTypeDraft(view, 'de');
    expect(draft).toMatchObject({
      name: 'Demo',
      slug: 'demo',
      durationMinutes: '45',
      noticeHours: '1,5',
      dailyLimit: '',
      active: false,
      questions: [{ id: 'q1', label: 'Which machine?', required: true }],
    });
    expect(checkMeetingType(draft)).toMatchObject({
      ok: true,
      value: { minimumNoticeMinutes: 90, active: false, questions: [{ id: 'q1' }] },
    });
    expect(hoursText(240, 'en')).toBe('4');
  });
});
