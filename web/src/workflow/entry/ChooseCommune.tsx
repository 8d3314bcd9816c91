// The admin (or the leader) opens /nhap-lieu without ?xa=: which commune's form to open.
import { useState } from 'react';
import type { Commune } from '@nq57/shared/schemas';
import { tw } from '../../i18n/workflow';
import { CommuneSelect } from '../CommuneSelect';

export function ChooseCommune({ communes, onChoose }: { communes: Commune[]; onChoose: (code: string) => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      className="panel wf-form wf-narrow"
      onSubmit={(e) => {
        e.preventDefault();
        if (code) onChoose(code);
      }}
    >
      <h2 className="panel-title">{tw.entry.chooseCommune}</h2>
      <p className="wf-hint">{tw.entry.chooseCommuneIntro}</p>
      <CommuneSelect label={tw.entry.commune} communes={communes} value={code} onChange={setCode} />
      <div className="wf-actions">
        <button type="submit" className="btn btn-primary" disabled={!code}>
          {tw.entry.open}
        </button>
      </div>
    </form>
  );
}
