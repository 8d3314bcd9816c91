// A date field that reads and writes dd/mm/yyyy whatever the browser's language. A native
// <input type="date"> follows the browser (mm/dd/yyyy on an English one), which a Vietnamese
// admin reads as the wrong day. This one is a small text field read by parseViDate (shared): it
// hands the form the calendar date ("2026-12-05") once the text is a real day, "" when empty, and
// the text itself while it is not a date yet, so the form can say so (workflow/rounds.ts).
import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { formatDate, parseViDate } from '@nq57/shared';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** "2026-12-05", "", or text that is not a date yet */
  value: string;
  onChange: (value: string) => void;
};

export const DATE_PLACEHOLDER = 'dd/mm/yyyy';

const shown = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value);

export function DateInput({ value, onChange, onBlur, ...rest }: Props) {
  const [text, setText] = useState(() => shown(value));
  // the form changed the date itself (a reset, a date filled from the round's name)
  useEffect(() => {
    setText((t) => {
      const mine = t.trim() === '' ? '' : (parseViDate(t) ?? t);
      return mine === value ? t : shown(value);
    });
  }, [value]);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={DATE_PLACEHOLDER}
      maxLength={10}
      value={text}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        onChange(raw.trim() === '' ? '' : (parseViDate(raw) ?? raw));
      }}
      onBlur={(e) => {
        // "5/12/2026" or "05122026" is written back the one way dates are shown: 05/12/2026
        const iso = parseViDate(text);
        if (iso) setText(formatDate(iso));
        onBlur?.(e);
      }}
    />
  );
}
