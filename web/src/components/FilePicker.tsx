// A file field that speaks Vietnamese. The browser's own <input type="file"> draws its button and
// its "no file" text in the browser's language ("Choose File", "No file chosen"), and CSS cannot
// change those words. The real input stays (visually hidden, still focusable and labelled, so a
// keyboard or a screen reader uses it as before); a button-looking span opens it and the chosen
// file's name is written beside it.
import { useRef, type ChangeEvent } from 'react';

interface Props {
  id: string;
  accept?: string;
  /** the file chosen, whose name is shown */
  fileName: string | null;
  chooseLabel: string;
  noneLabel: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}

export function FilePicker({ id, accept, fileName, chooseLabel, noneLabel, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="file-picker">
      <input ref={input} id={id} type="file" accept={accept} className="file-picker-input" onChange={onChange} />
      <span className="btn file-picker-btn" aria-hidden="true" onClick={() => input.current?.click()}>
        {chooseLabel}
      </span>
      <span className={fileName ? 'file-picker-name' : 'file-picker-name muted'} aria-hidden="true">
        {fileName ?? noneLabel}
      </span>
    </span>
  );
}
