// formSaved (services/data-version.ts): the one rule, for every save into a form, of when the
// round's figures have moved for the readers that include submitted forms.
import { describe, expect, it } from 'vitest';
import type { DataChange } from '@nq57/shared';
import { formSaved } from '../src/services/data-version';

describe('formSaved', () => {
  it('moves the version for a submitted form (an admin correction), not for a draft or a returned one', async () => {
    const heard: (DataChange | undefined)[] = [];
    const version = { changed: async (c?: DataChange) => void heard.push(c) };
    await formSaved(version, 'm10-2026', { status: 'draft' });
    await formSaved(version, 'm10-2026', { status: 'returned' });
    expect(heard).toEqual([]);
    await formSaved(version, 'm10-2026', { status: 'submitted' });
    expect(heard).toEqual([{ period: 'm10-2026' }]);
  });
});
