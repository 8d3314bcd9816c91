// The header's "N/96 xã đã báo cáo" counts the figures the page shows (web/src/releases/reportedShown.ts).
import { describe, expect, it } from 'vitest';
import { reportedShown } from '../src/releases/reportedShown';

// Quý III/2026 published with 95 communes reported, then reopened: one form went back to its
// commune, so the live count says 94 while every public page still shows the release's 95
const reopened = { communesReported: 94, release: { id: 7, communesReported: 95 } };

describe('reportedShown', () => {
  it('a published round counts what its release published, not the live count a reopened form moved', () => {
    expect(reportedShown(reopened, {})).toBe(95);
    expect(reportedShown(reopened, { live: false })).toBe(95);
    expect(reportedShown(reopened, { release: 7 })).toBe(95);
  });

  it('the live figures count live; a round never published counts live', () => {
    expect(reportedShown(reopened, { live: true })).toBe(94);
    expect(reportedShown({ communesReported: 40, release: null }, {})).toBe(40);
  });

  it('a link pinned to an older release: no count rather than another release’s', () => {
    expect(reportedShown(reopened, { release: 3 })).toBeNull();
  });

  it('a release published before the count was kept falls back to the live count', () => {
    expect(reportedShown({ communesReported: 94, release: { id: 7, communesReported: null } }, {})).toBe(94);
  });
});
