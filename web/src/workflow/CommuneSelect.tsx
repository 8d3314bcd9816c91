// Choosing one of the 96 communes in a form: a filter box (without diacritics: "tinh khe") above
// a native <select>, so it works with the keyboard, a screen reader and a phone's picker.
import { useId, useMemo, useState } from 'react';
import { matchesSearch } from '@nq57/shared';
import type { Commune } from '@nq57/shared/schemas';
import { compareCommuneNames } from '../panels/ranking-table/transform';
import { tw } from '../i18n/workflow';

interface Props {
  label: string;
  communes: Commune[];
  value: string;
  onChange: (code: string) => void;
  invalid?: boolean;
  describedBy?: string;
  /** the first, empty choice ("— Chọn xã —" by default) */
  emptyLabel?: string;
}

export function CommuneSelect({ label, communes, value, onChange, invalid, describedBy, emptyLabel }: Props) {
  const id = useId();
  const [q, setQ] = useState('');
  const sorted = useMemo(() => [...communes].sort((a, b) => compareCommuneNames(a.name, b.name)), [communes]);
  const shown = useMemo(() => sorted.filter((c) => c.code === value || matchesSearch(c.name, q)), [sorted, q, value]);
  return (
    <div className="wf-field wf-commune-select">
      <label htmlFor={`${id}-sel`}>{label}</label>
      <input
        type="search"
        aria-label={tw.users.communeFilter}
        placeholder={tw.users.communeFilterPh}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          const first = sorted.find((c) => matchesSearch(c.name, e.target.value));
          // typing narrows the list; a single match is picked so Enter can submit
          if (e.target.value.trim() && first && sorted.filter((c) => matchesSearch(c.name, e.target.value)).length === 1) onChange(first.code);
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <select id={`${id}-sel`} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} aria-describedby={describedBy}>
        <option value="">{emptyLabel ?? tw.users.communeChoose}</option>
        {shown.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.formerDistrict})
          </option>
        ))}
      </select>
    </div>
  );
}
