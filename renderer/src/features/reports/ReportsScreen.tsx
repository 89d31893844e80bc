/**
 * Reports: configure and export a usage report (CSV, XLSX, PDF, JSON) with its digest and an
 * optional signature, pseudonymised unless names are asked for; the audit log with its chain
 * check; and the retention purge. Exports are offered as downloads — the preview's browser saves
 * them, and the desktop shell shows its native save dialog for them.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Response } from '../../../../shared/contract';
import { api } from '../../api/client';
import { downloadBlob, downloadText } from '../../lib/export-chart';
import { concurrencyParam, DEFAULT_RULES, BUILT_IN_ACTIVITY } from '../../store/rules-store';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { useUi } from '../../store/ui-store';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, CheckCircleIcon, FileIcon, ShieldIcon, TrashIcon } from '../../ui/icons';
import { NumberField } from '../../ui/NumberField';
import { PageHeader } from '../../ui/PageHeader';

type Format = 'pdf' | 'xlsx' | 'csv' | 'json';
const FORMATS: Array<{ value: Format; label: string; help: string }> = [
  { value: 'pdf', label: 'PDF', help: 'laid out for printing and signing' },
  { value: 'xlsx', label: 'XLSX', help: 'one sheet per table' },
  { value: 'csv', label: 'CSV', help: 'every table in one file' },
  { value: 'json', label: 'JSON', help: 'the full report, for tools' },
];

type PlanChoice = { key: string; label: string; plan: unknown };

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function usePlanChoices(): PlanChoice[] {
  const [choices, setChoices] = useState<PlanChoice[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all([api['plans:list']({}), api['plans:templates']({})]).then(([saved, templates]) => {
      if (!live) return;
      const list: PlanChoice[] = [];
      if (saved.ok) for (const p of saved.value) list.push({ key: `saved-${p.id}`, label: `${p.name}${p.isCurrent ? ' (current)' : ''}`, plan: p.plan });
      if (templates.ok) {
        for (const t of templates.value) {
          const name = (t.plan as { name?: unknown }).name;
          list.push({ key: `template-${t.file}`, label: `${typeof name === 'string' ? name : t.file} (template)`, plan: t.plan });
        }
      }
      setChoices(list);
    });
    return () => {
      live = false;
    };
  }, []);
  return choices;
}

function ExportCard({ onExported }: { onExported: () => void }) {
  const format = useFormatters();
  const notify = useUi((state) => state.notify);
  const notifyError = useUi((state) => state.notifyError);
  const metrics = useData((state) => state.metrics);
  const rules = useData((state) => state.metricsRules ?? DEFAULT_RULES);
  const latestMonth = useMemo(() => {
    const months = (metrics?.periods ?? []).map((p) => p.start.slice(0, 7));
    return months.at(-1) ?? new Date().toISOString().slice(0, 7);
  }, [metrics]);
  const [scope, setScope] = useState<'month' | 'range'>('month');
  const [month, setMonth] = useState(latestMonth);
  const [from, setFrom] = useState(`${latestMonth}-01`);
  const [to, setTo] = useState(`${nextMonth(latestMonth)}-01`);
  const [fileFormat, setFileFormat] = useState<Format>('pdf');
  const [names, setNames] = useState(false);
  const [sign, setSign] = useState(true);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<Response<'reports:export'> | null>(null);
  const plans = usePlanChoices();
  const ids = { month: useId(), from: useId(), to: useId(), names: useId(), sign: useId(), rangeError: useId() };
  useEffect(() => setMonth(latestMonth), [latestMonth]);

  const range = scope === 'month' ? { from: `${month}-01`, to: `${nextMonth(month)}-01` } : { from, to };
  const rangeError = !/^\d{4}-\d{2}-\d{2}$/.test(range.from) || !/^\d{4}-\d{2}-\d{2}$/.test(range.to)
    ? 'Choose both dates.'
    : range.to <= range.from
      ? 'The end must be after the start.'
      : null;

  const exportReport = async () => {
    if (rangeError) return;
    setBusy(true);
    const result = await api['reports:export']({
      ...range,
      format: fileFormat,
      names,
      sign,
      concurrency: concurrencyParam(rules),
      ...(rules.activity !== BUILT_IN_ACTIVITY ? { activity: rules.activity } : {}),
      plans: plans.filter((p) => selected.has(p.key)).map((p) => p.plan),
    });
    setBusy(false);
    if (!result.ok) {
      notifyError('The report could not be exported', result.error);
      return;
    }
    setLast(result.value);
    onExported();
    downloadBlob(result.value.fileName, new Blob([base64ToBytes(result.value.contentBase64)], { type: result.value.mimeType }));
    notify({ kind: 'success', title: `Exported ${result.value.fileName}`, message: `Digest ${result.value.digest.slice(0, 16)}…` });
  };

  const exportPublicKey = async () => {
    const key = await api['keys:public']({});
    if (!key.ok) return notifyError('The public key could not be read', key.error);
    downloadText(`seatcast-public-key-${key.value.fingerprint.slice(0, 12)}.pem`, key.value.pem, 'application/x-pem-file');
  };

  return (
    <section className="card" aria-labelledby="report-export-title" data-testid="report-export">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="report-export-title">
            Usage report
          </h2>
          <p className="card__subtitle">
            Monthly counts under the dashboard’s activity definition (“{rules.activity}”) and concurrency rule ({concurrencyParam(rules)}), the rules
            themselves, bills under the plans you tick, and the active agents — with a SHA-256 digest anyone can check with{' '}
            <code>seatcast verify</code>.
          </p>
        </div>
      </div>
      <div className="report-card__body">
        <div className="report-form">
          <fieldset className="report-form__group">
            <legend className="field__label">Period</legend>
            <div className="segmented" role="radiogroup" aria-label="Period kind">
              {(['month', 'range'] as const).map((kind) => (
                <label key={kind} className="segmented__item">
                  <input type="radio" className="sr-only" name="report-scope" checked={scope === kind} onChange={() => setScope(kind)} data-testid={`report-scope-${kind}`} />
                  {kind === 'month' ? 'Billing month' : 'Date range'}
                </label>
              ))}
            </div>
            {scope === 'month' ? (
              <div className="field">
                <label className="field__label" htmlFor={ids.month}>
                  Month
                </label>
                <input id={ids.month} className="input" type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="report-month" />
              </div>
            ) : (
              <div className="report-form__row">
                <div className="field">
                  <label className="field__label" htmlFor={ids.from}>
                    From
                  </label>
                  <input id={ids.from} className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby={rangeError ? ids.rangeError : undefined} data-testid="report-from" />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor={ids.to}>
                    Up to (not including)
                  </label>
                  <input id={ids.to} className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-describedby={rangeError ? ids.rangeError : undefined} data-testid="report-to" />
                </div>
              </div>
            )}
            {rangeError && (
              <p className="field__error" id={ids.rangeError} role="alert">
                {rangeError}
              </p>
            )}
          </fieldset>

          <fieldset className="report-form__group">
            <legend className="field__label">Format</legend>
            <div className="segmented" role="radiogroup" aria-label="File format">
              {FORMATS.map((f) => (
                <label key={f.value} className="segmented__item" title={f.help}>
                  <input type="radio" className="sr-only" name="report-format" checked={fileFormat === f.value} onChange={() => setFileFormat(f.value)} data-testid={`report-format-${f.value}`} />
                  {f.label}
                </label>
              ))}
            </div>
            <p className="field__help">{FORMATS.find((f) => f.value === fileFormat)!.help}</p>
          </fieldset>

          <fieldset className="report-form__group">
            <legend className="field__label">Bills under</legend>
            {plans.length === 0 ? (
              <p className="field__help">No plans yet: the report will state the counts only.</p>
            ) : (
              <ul className="report-plans" data-testid="report-plans">
                {plans.map((p) => (
                  <li key={p.key}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={selected.has(p.key)}
                        onChange={(e) =>
                          setSelected((current) => {
                            const next = new Set(current);
                            if (e.target.checked) next.add(p.key);
                            else next.delete(p.key);
                            return next;
                          })
                        }
                      />
                      <span>{p.label}</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>

          <fieldset className="report-form__group">
            <legend className="field__label">Privacy and integrity</legend>
            <label className="check" htmlFor={ids.names}>
              <input id={ids.names} type="checkbox" checked={names} onChange={(e) => setNames(e.target.checked)} data-testid="report-names" />
              <span>
                Include real agent ids and names
                <span className="field__help check__help">Off: agents appear as keyed pseudonyms (the same agent gets the same pseudonym in every report).</span>
              </span>
            </label>
            <label className="check" htmlFor={ids.sign}>
              <input id={ids.sign} type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} data-testid="report-sign" />
              <span>
                Sign with this computer’s key (Ed25519)
                <span className="field__help check__help">
                  A vendor checks it with your public key.{' '}
                  <button type="button" className="link-button" onClick={() => void exportPublicKey()} data-testid="report-export-key">
                    Export public key
                  </button>
                </span>
              </span>
            </label>
          </fieldset>
        </div>
        <div className="report-form__actions">
          <button type="button" className="button button--primary" disabled={busy || rangeError !== null} onClick={() => void exportReport()} data-testid="report-export-button">
            <FileIcon size={16} />
            {busy ? 'Building the report…' : `Export ${fileFormat.toUpperCase()}`}
          </button>
          {busy && <span className="spinner" role="status" aria-label="Building the report" />}
        </div>
        {last && (
          <div className="callout report-last" role="status" data-testid="report-last">
            <CheckCircleIcon size={16} />
            <div>
              <strong>{last.fileName}</strong> · {format.integer(last.periods)} {last.periods === 1 ? 'period' : 'periods'}, {format.integer(last.agents)} agents
              {last.signed ? ' · signed' : ''}
              <div className="mono report-last__digest">SHA-256 {last.digest}</div>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

function VerifyCard() {
  const notifyError = useUi((state) => state.notifyError);
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ file: string; result: Response<'reports:verify'> } | null>(null);

  const verify = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    const staged = await api.stageFile(file);
    const result = staged.ok ? await api['reports:verify']({ fileId: staged.value.fileId }) : staged;
    setBusy(false);
    if (!result.ok) return notifyError(`${file.name} could not be checked`, result.error);
    setOutcome({ file: file.name, result: result.value });
  };

  return (
    <section className="card" aria-labelledby="report-verify-title" data-testid="report-verify">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="report-verify-title">
            Verify a report
          </h2>
          <p className="card__subtitle">Recomputes a report file from this database under the rules it states, and lists every figure that differs.</p>
        </div>
        <div className="card__actions">
          <input
            ref={inputRef}
            type="file"
            accept=".pdf,.xlsx,.csv,.json"
            hidden
            tabIndex={-1}
            aria-hidden="true"
            data-testid="report-verify-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void verify(file);
            }}
          />
          <button type="button" className="button button--sm" disabled={busy} onClick={() => inputRef.current?.click()} data-testid="report-verify-button">
            {busy ? 'Checking…' : 'Choose a report…'}
          </button>
        </div>
      </div>
      {outcome && (
        <div className="report-card__body">
          <div className={`callout ${outcome.result.ok ? 'report-last' : 'callout--danger'}`} role="status" data-testid="report-verify-result">
            {outcome.result.ok ? <CheckCircleIcon size={16} /> : <AlertIcon size={16} />}
            <div>
              <strong>
                {outcome.result.ok ? `Confirmed: ${outcome.file} matches this database` : `Not confirmed: ${outcome.file} differs from this database`}
              </strong>
              <div>
                Signature:{' '}
                {outcome.result.signature === 'absent' ? 'none' : outcome.result.signature === 'valid' ? 'valid (this computer’s key)' : 'does not match this computer’s key'}
              </div>
              {outcome.result.notes.map((note) => (
                <div key={note}>{note}</div>
              ))}
              {outcome.result.differences.length > 0 && (
                <ul className="verify-differences">
                  {outcome.result.differences.slice(0, 20).map((d) => (
                    <li key={`${d.where}-${d.found}`}>
                      <strong>{d.where}</strong>: the file says {d.found}, the database gives {d.expected}
                    </li>
                  ))}
                  {outcome.result.differences.length > 20 && <li>… and {outcome.result.differences.length - 20} more.</li>}
                </ul>
              )}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function AuditPanel({ version }: { version: number }) {
  const format = useFormatters();
  const [data, setData] = useState<Response<'audit:list'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void api['audit:list']({}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [attempt, version]);
  const entries = data ? [...data.entries].reverse() : [];
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-panel">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="audit-title">
            Audit log
          </h2>
          <p className="card__subtitle">Imports, undos, exports, purges, plan and definition changes — counts and file digests, never agent names.</p>
        </div>
        <div className="card__actions">
          {data && (
            <span className={`status-pill ${data.check.ok ? 'status-pill--ok' : 'status-pill--bad'}`} role="status" data-testid="audit-chain">
              {data.check.ok ? <ShieldIcon size={14} /> : <AlertIcon size={14} />}
              {data.check.ok ? `Chain intact · ${format.integer(data.check.entries)} ${data.check.entries === 1 ? 'entry' : 'entries'}` : `Chain broken at entry ${data.check.breaks.map((b) => b.id).join(', ')}`}
            </span>
          )}
          <button type="button" className="button button--ghost button--sm" onClick={() => setAttempt((n) => n + 1)} data-testid="audit-verify">
            Verify chain
          </button>
          <button
            type="button"
            className="button button--ghost button--sm"
            disabled={!data}
            onClick={() => data && downloadText('seatcast-audit-log.json', `${JSON.stringify(data, null, 2)}\n`)}
            data-testid="audit-export"
          >
            Export log
          </button>
        </div>
      </div>
      <div className="report-card__body">
        {error && (
          <div className="callout callout--danger" role="alert">
            <AlertIcon size={16} />
            <span>Could not read the audit log: {error}</span>
          </div>
        )}
        {data && data.check.breaks.length > 0 && (
          <ul className="callout callout--danger audit-breaks" role="alert">
            {data.check.breaks.map((b) => (
              <li key={`${b.id}-${b.reason}`}>
                Entry {b.id}: {b.reason}
              </li>
            ))}
          </ul>
        )}
        {data && entries.length === 0 ? (
          <p className="field__help">Nothing recorded yet: imports, exports and changes will appear here.</p>
        ) : (
          <div className="table-wrap audit-log">
            <table className="table table--compact" data-testid="audit-log-table">
              <caption className="sr-only">Audit log, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.slice(0, 200).map((e) => (
                  <tr key={e.id}>
                    <td className="num">{e.id}</td>
                    <td className="nowrap">{format.dateTime(e.at)}</td>
                    <td>{e.action}</td>
                    <td className="audit-log__details">
                      {Object.entries(e.details)
                        .map(([k, v]) => `${k}: ${typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 12)}…` : String(v)}`)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

function RetentionPanel({ onPurged }: { onPurged: () => void }) {
  const format = useFormatters();
  const notify = useUi((state) => state.notify);
  const notifyError = useUi((state) => state.notifyError);
  const refresh = useData((state) => state.refresh);
  const [months, setMonths] = useState(24);
  const [preview, setPreview] = useState<Response<'retention:preview'> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [purging, setPurging] = useState(false);
  const [result, setResult] = useState<Response<'retention:purge'> | null>(null);
  const monthsId = useId();

  useEffect(() => {
    void api['retention:get']({}).then((r) => {
      if (r.ok && r.value.months !== null) setMonths(r.value.months);
    });
  }, []);
  useEffect(() => {
    let live = true;
    void api['retention:preview']({ months }).then((r) => {
      if (live && r.ok) setPreview(r.value);
    });
    return () => {
      live = false;
    };
  }, [months, result]);

  const purge = async () => {
    setPurging(true);
    const r = await api['retention:purge']({ months, confirm: true });
    setPurging(false);
    setConfirming(false);
    if (!r.ok) return notifyError('The purge failed; nothing was removed', r.error);
    setResult(r.value);
    onPurged();
    notify({ kind: 'success', title: `Removed ${r.value.sessionsRemoved.toLocaleString()} sessions`, message: `Older than ${r.value.cutoffDay}; the database was compacted.` });
    void refresh();
  };

  return (
    <section className="card" aria-labelledby="retention-title" data-testid="retention-panel">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="retention-title">
            Retention
          </h2>
          <p className="card__subtitle">Delete login data you no longer need to keep. Reports already exported are not affected.</p>
        </div>
      </div>
      <div className="report-card__body">
        <div className="retention">
          <label className="field__label" htmlFor={monthsId}>
            Purge sessions older than
          </label>
          <NumberField id={monthsId} value={months} min={1} max={1200} onCommit={setMonths} label="Months to keep" testId="retention-months" />
          <span>months</span>
        </div>
        {preview && (
          <p className="field__help" role="status" data-testid="retention-preview">
            {preview.sessions === 0
              ? `No session ended before ${format.day(preview.cutoffDay)}: nothing to purge.`
              : `${format.integer(preview.sessions)} sessions of ${format.integer(preview.agents)} agents ended before ${format.day(preview.cutoffDay)} and would be removed.`}
          </p>
        )}
        <button
          type="button"
          className="button button--danger"
          disabled={!preview || preview.sessions === 0 || purging}
          onClick={() => setConfirming(true)}
          data-testid="retention-purge"
        >
          <TrashIcon size={16} />
          Purge…
        </button>
        {result && (
          <p className="field__help" data-testid="retention-result">
            Last purge: {format.integer(result.sessionsRemoved)} sessions and {format.integer(result.agentsRemoved)} agents removed; database{' '}
            {format.bytes(result.bytesBefore)} → {format.bytes(result.bytesAfter)}.
          </p>
        )}
        {confirming && preview && (
          <Dialog
            role="alertdialog"
            size="sm"
            title="Purge old sessions?"
            description={`${format.integer(preview.sessions)} sessions that ended before ${format.day(preview.cutoffDay)} will be deleted for good, the usage cube rebuilt and the database compacted. This is recorded in the audit log.`}
            onClose={() => setConfirming(false)}
            testId="retention-confirm"
            footer={
              <>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
                <button type="button" className="button button--danger" disabled={purging} onClick={() => void purge()} data-testid="retention-confirm-button">
                  {purging ? 'Purging…' : `Delete ${format.integer(preview.sessions)} sessions`}
                </button>
              </>
            }
          />
        )}
      </div>
    </section>
  );
}

export function ReportsScreen() {
  // Exports and purges are audited: the log panel reloads after each.
  const [auditVersion, setAuditVersion] = useState(0);
  const audited = () => setAuditVersion((n) => n + 1);
  return (
    <div className="page" data-testid="reports">
      <PageHeader title="Reports" subtitle="True-up reports anyone can reproduce, the audit trail, and how long data is kept" />
      <ExportCard onExported={audited} />
      <VerifyCard />
      <AuditPanel version={auditVersion} />
      <RetentionPanel onPurged={audited} />
    </div>
  );
}
