// Signing out empties what this browser keeps for the account (issue 15), unsent figures included:
// asked first when some wait. Loaded only then, so the header carries neither the dialog nor the
// words of the write side.
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { to } from '../i18n/offline';
import '../workflow.css';

export default function SignOutDialog({ waiting, busy, onConfirm, onCancel }: { waiting: number; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return <ConfirmDialog open title={to.signOutTitle} body={<p>{to.signOutBody(waiting)}</p>} confirmLabel={to.signOutAnyway} danger busy={busy} onConfirm={onConfirm} onCancel={onCancel} />;
}
