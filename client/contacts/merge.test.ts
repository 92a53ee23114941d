import { describe, expect, it } from 'vitest';
import type { ContactView, SearchResult, TouchpointView } from '../api/contacts';
import type { CompanyId, ContactId, TouchpointId } from '../../shared/ids';
import { buildMergePreview, filledFields, mergeCandidates } from './merge';
import { todayEntry } from './testing';

function contact(change: Partial<ContactView> = {}): ContactView {
  return todayEntry({ contact: change }).contact;
}

function timeline(count: number): TouchpointView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `tp-${i}` as TouchpointId,
    kind: 'call',
    occurredAt: i,
    durationMs: null,
    summary: '',
    nextStep: null,
    nextStepDueAt: null,
    nextStepDoneAt: null,
  }));
}

const karl = contact({
  id: 'karl-1' as ContactId,
  name: 'Karl Kühn',
  emails: ['karl@kuehn.example'],
  phones: ['+491712345678'],
  tags: ['kunde'],
  role: null,
  family: null,
});
const karlAgain = contact({
  id: 'karl-2' as ContactId,
  name: 'Karl Kuehn',
  emails: ['karl@kuehn.example', 'k.kuehn@privat.example'],
  phones: ['+491712345678', '+4930123456'],
  tags: ['kunde', 'key account'],
  role: 'Werkleiter',
  family: 'Zwei Töchter',
});

describe('buildMergePreview', () => {
  it('says which record stays and what moves over from the other', () => {
    const preview = buildMergePreview(
      { contact: karl, timeline: timeline(2) },
      { contact: karlAgain, timeline: timeline(3) },
    );
    expect(preview).toMatchObject({
      keep: { id: 'karl-1' },
      remove: { id: 'karl-2' },
      keptTouchpoints: 2,
      movedTouchpoints: 3,
      addedEmails: ['k.kuehn@privat.example'],
      addedPhones: ['+4930123456'],
      addedTags: ['key account'],
      filledFields: ['role', 'family'],
    });
  });

  it('works the other way round when the found record stays', () => {
    const preview = buildMergePreview(
      { contact: karlAgain, timeline: timeline(3) },
      { contact: karl, timeline: timeline(2) },
    );
    expect(preview).toMatchObject({
      keep: { id: 'karl-2' },
      movedTouchpoints: 2,
      addedEmails: [],
      addedPhones: [],
      addedTags: [],
      filledFields: [],
    });
  });
});

describe('filledFields', () => {
  it('fills only what the kept record lacks, in the order of the contact page', () => {
    const keep = contact({
      companyId: null,
      companyName: null,
      address: { street: 'Hauptstr. 1', postalCode: null, city: null, country: null },
      birthday: null,
      cadenceDays: 30,
    });
    const other = contact({
      companyId: 'c-2' as CompanyId,
      companyName: 'Kühn GmbH',
      address: { street: 'Nebenweg 2', postalCode: '88212', city: 'Ravensburg', country: null },
      birthday: { day: 3, month: 4, year: null },
      cadenceDays: 14,
      notes: 'Mag Segeln',
    });
    expect(filledFields(keep, other)).toEqual(['companyName', 'address', 'birthday', 'notes']);
  });

  it('leaves a complete address alone', () => {
    const address = { street: 'A', postalCode: '1', city: 'B', country: 'DE' };
    expect(
      filledFields(contact({ address }), contact({ address: { ...address, city: 'C' } })),
    ).not.toContain('address');
  });
});

describe('mergeCandidates', () => {
  const hit = (change: Partial<ContactView>): SearchResult => ({
    kind: 'contact',
    contact: contact(change),
  });

  it('lists people the viewer may change, without the open record and companies', () => {
    const results: SearchResult[] = [
      hit({ id: 'karl-1' as ContactId }),
      hit({ id: 'karl-2' as ContactId }),
      hit({ id: 'shared-3' as ContactId, editable: false }),
      { kind: 'company', company: { id: 'c-1' as CompanyId, name: 'Kühn GmbH' } },
    ];
    expect(mergeCandidates(results, 'karl-1' as ContactId).map((c) => c.id)).toEqual(['karl-2']);
  });

  it('is empty before the first search', () => {
    expect(mergeCandidates(null, 'karl-1' as ContactId)).toEqual([]);
  });
});
