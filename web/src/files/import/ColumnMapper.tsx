// A file from another system: each column the template does not know, mapped to a figure (or to
// the commune's code or name, or left out), checked again, and saved by name for the next file.
import { useId, useMemo } from 'react';
import type { DataElement } from '@nq57/shared/schemas';
import { tf } from '../../i18n/files';
import { UNCHOSEN } from './model';

interface MapperProps {
  unknown: string[];
  elements: DataElement[];
  choices: Record<string, string>;
  onChoose: (header: string, code: string) => void;
  saveName: string;
  onSaveName: (s: string) => void;
  busy: boolean;
  saveError: string | null;
  onRecheck: () => void;
  onSave: () => void;
}

export function ColumnMapper({ unknown, elements, choices, onChoose, saveName, onSaveName, busy, saveError, onRecheck, onSave }: MapperProps) {
  const id = useId();
  const groups = useMemo(() => {
    const m = new Map<string, DataElement[]>();
    // figures the system computes (on-time reporting) are never imported
    for (const e of elements) if (!e.computed) m.set(e.groupName, [...(m.get(e.groupName) ?? []), e]);
    return [...m];
  }, [elements]);
  const allChosen = unknown.every((h) => (choices[h] ?? UNCHOSEN) !== UNCHOSEN);
  return (
    <div className="imp-mapper wf-alert wf-alert-info">
      <h3>{tf.unknownTitle}</h3>
      <p>{tf.unknownIntro}</p>
      <ul>
        {unknown.map((h, i) => (
          <li key={h} className="field">
            <label htmlFor={`${id}-${i}`}>{h}</label>
            <select id={`${id}-${i}`} value={choices[h] ?? UNCHOSEN} onChange={(e) => onChoose(h, e.target.value)}>
              <option value={UNCHOSEN}>{tf.choose}</option>
              <option value="">{tf.ignore}</option>
              <option value="@commune_code">{tf.communeCode}</option>
              <option value="@commune_name">{tf.communeName}</option>
              {groups.map(([g, els]) => (
                <optgroup key={g} label={g}>
                  {els.map((e) => (
                    <option key={e.code} value={e.code}>
                      {e.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <div className="imp-row">
        <button type="button" className="btn" disabled={busy || !allChosen} onClick={onRecheck}>
          {tf.recheck}
        </button>
        <div className="field">
          <label htmlFor={`${id}-name`}>{tf.saveAs}</label>
          <input id={`${id}-name`} value={saveName} placeholder={tf.saveAsPlaceholder} maxLength={100} onChange={(e) => onSaveName(e.target.value)} />
        </div>
        <button type="button" className="btn" disabled={busy || !allChosen || !saveName.trim()} onClick={onSave}>
          {tf.saveAndCheck}
        </button>
      </div>
      {saveError ? (
        <p className="wf-bad" role="alert">
          {saveError}
        </p>
      ) : null}
    </div>
  );
}
