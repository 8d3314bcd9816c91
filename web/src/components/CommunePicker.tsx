// The commune picker in the header: type a name with or without diacritics ("tinh khe"), pick
// with the arrow keys or the mouse, open the commune's standing page. ARIA 1.2 combobox pattern.
import { useId, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { matchesSearch } from '@nq57/shared';
import { compareCommuneNames } from '../panels/ranking-table/transform';
import { communeQueries } from '../api/queries';
import { usePeriod } from '../hooks/useUrlState';
import { t } from '../i18n/dashboard';
import { withPeriod } from '../url';

const MAX_OPTIONS = 12;

export function CommunePicker() {
  const id = useId();
  const listId = `${id}-list`;
  const { data } = useQuery(communeQueries.list());
  const period = usePeriod();
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const sorted = useMemo(() => [...(data?.communes ?? [])].sort((a, b) => compareCommuneNames(a.name, b.name)), [data]);
  const options = useMemo(() => (text.trim() === '' ? [] : sorted.filter((c) => matchesSearch(c.name, text)).slice(0, MAX_OPTIONS)), [sorted, text]);
  const expanded = open && text.trim() !== '';

  const choose = (code: string) => {
    setOpen(false);
    setText('');
    navigate(withPeriod(`/xa/${code}`, period));
  };

  return (
    <div className="picker">
      <label htmlFor={`${id}-input`} className="picker-label">
        {t.header.communePicker}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && options[active] ? `${id}-opt-${options[active].code}` : undefined}
        aria-describedby={`${id}-hint`}
        placeholder={t.header.communePickerPlaceholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            if (expanded && options[active]) {
              e.preventDefault();
              choose(options[active].code);
            }
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <span id={`${id}-hint`} className="sr-only">
        {t.header.communePickerHint}
      </span>
      <ul id={listId} role="listbox" aria-label={t.header.communePicker} className="picker-list" hidden={!expanded}>
        {options.length === 0 ? (
          <li className="picker-empty" role="presentation">
            {t.header.communePickerNoMatch}
          </li>
        ) : (
          options.map((c, i) => (
            <li
              key={c.code}
              id={`${id}-opt-${c.code}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c.code);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span>{c.name}</span>
              <small>{c.formerDistrict}</small>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
