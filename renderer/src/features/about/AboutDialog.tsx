import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { useUi } from '../../store/ui-store';
import { Dialog } from '../../ui/Dialog';
import { LogoMark, ShieldIcon } from '../../ui/icons';
import licenses from './third-party-licenses.json';

type LicenseEntry = { name: string; version: string; license: string };

const RUNTIME_LABELS = {
  desktop: 'Desktop app',
  preview: 'Browser preview (local server on this computer)',
  'in-process': 'In-process',
} as const;

export function AboutDialog() {
  const open = useUi((state) => state.aboutOpen);
  const setOpen = useUi((state) => state.setAboutOpen);
  const info = useData((state) => state.info);
  const format = useFormatters();
  if (!open) return null;
  const entries = licenses as LicenseEntry[];

  return (
    <Dialog
      title="About Seatcast"
      onClose={() => setOpen(false)}
      size="md"
      testId="about-dialog"
      footer={
        <button type="button" className="button button--primary" onClick={() => setOpen(false)}>
          Close
        </button>
      }
    >
      <div className="about">
        <div className="about__brand">
          <LogoMark size={44} />
          <div>
            <p className="about__name">Seatcast</p>
            <p className="about__tagline">Agent logins in, licensing bills out — on your own computer.</p>
          </div>
        </div>

        <dl className="about__facts">
          <dt>Version</dt>
          <dd data-testid="about-version">{info?.version ?? '—'}</dd>
          <dt>Runtime</dt>
          <dd>{info ? RUNTIME_LABELS[info.runtime] : '—'}</dd>
          <dt>Database</dt>
          <dd className="mono about__path">{info?.databasePath ?? '—'}</dd>
          <dt>Schema version</dt>
          <dd>{info?.schemaVersion ?? '—'}</dd>
          <dt>Data</dt>
          <dd>
            {info ? `${format.integer(info.sessionCount)} sessions · ${format.integer(info.agentCount)} agents${info.demoOnly ? ' · demo data' : ''}` : '—'}
          </dd>
        </dl>

        <p className="about__privacy">
          <ShieldIcon size={18} />
          <span>Seatcast never sends data anywhere. No telemetry, no update checks.</span>
        </p>

        <section aria-labelledby="licences-title">
          <h3 id="licences-title" className="about__section-title">
            Third-party software
          </h3>
          <p className="about__section-text">Seatcast is built with these open-source packages, used under their licences.</p>
          <div className="licences" tabIndex={0} role="region" aria-labelledby="licences-title" data-testid="licences">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">Package</th>
                  <th scope="col">Version</th>
                  <th scope="col">Licence</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={`${entry.name}@${entry.version}`}>
                    <td className="mono">{entry.name}</td>
                    <td className="mono muted">{entry.version}</td>
                    <td>{entry.license}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </Dialog>
  );
}
