import { useState } from 'react';
import { useData } from '../../store/data-store';
import { useImport } from '../../store/import-store';
import { useUi } from '../../store/ui-store';
import { ConfirmDialog } from '../../ui/Dialog';
import { SparkIcon } from '../../ui/icons';
import { shortcutLabel } from '../../ui/Kbd';

/** Shown while the bundled demo dataset is the only data, so nobody mistakes it for theirs. */
export function DemoBanner() {
  const demoOnly = useData((state) => state.info?.demoOnly ?? false);
  const removeDemoData = useData((state) => state.removeDemoData);
  const pickAndImport = useImport((state) => state.pickAndImport);
  const notify = useUi((state) => state.notify);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!demoOnly) return null;

  const remove = async () => {
    setBusy(true);
    const done = await removeDemoData();
    setBusy(false);
    setConfirming(false);
    if (done) notify({ kind: 'success', title: 'Demo data removed', message: 'Import your own agent login export to see your numbers.' });
  };

  return (
    <div className="demo-banner" role="region" aria-label="Demo data notice" data-testid="demo-banner">
      <span className="demo-banner__icon" aria-hidden="true">
        <SparkIcon size={18} />
      </span>
      <p className="demo-banner__text">
        You are looking at demo data — a fictional public call center, 2024–2025. Import your own agent login export (
        {shortcutLabel('O')}) to replace it.
      </p>
      <div className="demo-banner__actions">
        <button type="button" className="button button--primary button--sm" onClick={() => void pickAndImport()} data-testid="demo-import">
          Import my data
        </button>
        <button type="button" className="button button--sm" onClick={() => setConfirming(true)} data-testid="demo-remove">
          Remove demo data
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Remove the demo data?"
          message="The fictional call center’s sessions are removed from this database. Your own imports are not affected. The dashboard stays empty until you import a file."
          confirmLabel="Remove demo data"
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => !busy && setConfirming(false)}
        />
      )}
    </div>
  );
}
