// G3: the work status after a change (src/lib/work-status.ts) — the rule every save follows.
import { describe, expect, it } from 'vitest';
import { workStatusOf, type WorkFacts } from '@/lib/work-status';

const now = new Date('2026-12-06T15:00:00Z');
const past = new Date('2026-12-05T14:00:00Z');
const future = new Date('2026-12-07T14:00:00Z');
const of = (facts: Partial<WorkFacts>) => workStatusOf({ previous: 'ASSIGNED', assigneeId: 'tech', stage: 'PENDING', visitEnd: null, ...facts }, now);

describe('work status', () => {
  it('follows the assignee and the stage', () => {
    expect(of({ previous: null, assigneeId: null })).toBe('TO_ASSIGN');
    expect(of({ previous: null })).toBe('ASSIGNED');
    expect(of({ previous: 'TO_ASSIGN' })).toBe('ASSIGNED');
    expect(of({ assigneeId: null })).toBe('TO_ASSIGN');
    expect(of({ stage: 'FINISHED' })).toBe('COMPLETED');
    expect(of({ stage: 'CLOSED', assigneeId: null })).toBe('COMPLETED');
    // Reopened: back to the assignee's.
    expect(of({ previous: 'COMPLETED' })).toBe('ASSIGNED');
    expect(of({ previous: 'COMPLETED', assigneeId: null })).toBe('TO_ASSIGN');
  });

  it('only the job expires; a save keeps EXPIRED while the visit is past, and a future (or no) visit revives it', () => {
    // An assigned ticket with a past visit stays ASSIGNED on a save: the job (with its notification) expires it.
    expect(of({ visitEnd: past })).toBe('ASSIGNED');
    expect(of({ previous: 'EXPIRED', visitEnd: past })).toBe('EXPIRED');
    expect(of({ previous: 'EXPIRED', visitEnd: future })).toBe('ASSIGNED');
    expect(of({ previous: 'EXPIRED', visitEnd: null })).toBe('ASSIGNED');
    expect(of({ previous: 'EXPIRED', visitEnd: past, assigneeId: null })).toBe('TO_ASSIGN');
    expect(of({ previous: 'EXPIRED', visitEnd: past, stage: 'FINISHED' })).toBe('COMPLETED');
  });
});
