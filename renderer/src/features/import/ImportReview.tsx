/**
 * The import review: after a file is chosen or dropped, what Seatcast made of it — the detected
 * preset (overridable), the time zone, the logged-in states of a state stream, or for any other
 * CSV the column mapping — with the first 50 rows parsed live by the engine and every problem
 * shown on the cell it comes from. A file recognised with confidence imports with one click.
 */
import { useId, useMemo, useRef, type ReactNode } from 'react';
import type { ImportFormatId, ImportMapping, ImportPreview } from '../../../../shared/contract';
import { timeZoneOptions } from '../../lib/time-zones';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { useImport, type DateOrderChoice, type ImportReview as Review } from '../../store/import-store';
import { ChipsInput } from '../../ui/ChipsInput';
import { Combobox } from '../../ui/Combobox';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, CheckCircleIcon, FileIcon, InfoIcon } from '../../ui/icons';
import { NumberField } from '../../ui/NumberField';
import { Select } from '../../ui/Select';

type Role = keyof NonNullable<ImportMapping['columns']>;

const ROLES: Array<{ role: Role; label: string; required?: boolean }> = [
  { role: 'agent', label: 'Agent id', required: true },
  { role: 'name', label: 'Name' },
  { role: 'login', label: 'Login time', required: true },
  { role: 'logout', label: 'Logout time' },
  { role: 'duration', label: 'Duration' },
  { role: 'team', label: 'Team' },
  { role: 'site', label: 'Site' },
  { role: 'program', label: 'Program' },
  { role: 'role', label: 'Role' },
];

const DELIMITERS: Array<{ value: NonNullable<ImportMapping['delimiter']>; label: string }> = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

const ENCODINGS: Array<{ value: NonNullable<ImportMapping['encoding']>; label: string }> = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'windows-1252', label: 'Windows-1252' },
];

/** A detection this sure imports in one click: the Import button takes the focus. */
const CONFIDENT = 0.8;

const isGenericReview = (review: Review) =>
  review.preview?.container === 'delimited' &&
  (review.preview.preset?.id === 'generic-csv' || (review.preview.preset === null && (review.options.format === 'auto' || review.options.format === 'generic-csv')));

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

function Field({ label, htmlFor, help, children, helpId }: { label: string; htmlFor: string; help?: ReactNode; helpId?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {help && (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}

function Detected({ preview }: { preview: ImportPreview }) {
  const format = useFormatters();
  if (preview.mappingSource === 'remembered' && preview.remembered) {
    return (
      <div className="review-detected is-remembered" data-testid="review-detected">
        <CheckCircleIcon size={18} />
        <div>
          <p className="review-detected__title">Using the mapping you saved for files like this one</p>
          <p className="review-detected__text">Saved {format.dateTime(preview.remembered.savedAt)}. Same columns, delimiter and banner lines. Change anything below if this file differs.</p>
        </div>
      </div>
    );
  }
  if (!preview.detected) {
    return (
      <div className="review-detected is-unknown" data-testid="review-detected">
        <InfoIcon size={18} />
        <div>
          <p className="review-detected__title">Not a format Seatcast recognises</p>
          <p className="review-detected__text">
            {preview.container === 'delimited'
              ? 'Map its columns below: say which column holds the agent, the login and the logout (or the duration). The preview shows how each row will be read.'
              : 'Pick the format it was exported as, if it is one of those listed.'}
          </p>
        </div>
      </div>
    );
  }
  const confident = preview.detected.confidence >= CONFIDENT;
  return (
    <div className={`review-detected${confident ? ' is-confident' : ''}`} data-testid="review-detected">
      {confident ? <CheckCircleIcon size={18} /> : <InfoIcon size={18} />}
      <div>
        <p className="review-detected__title">
          Detected: {preview.detected.label}{' '}
          <span className="badge badge--accent" title="How sure the detection is">
            {percent(preview.detected.confidence)}
          </span>
        </p>
        <p className="review-detected__text">{preview.detected.reason}</p>
      </div>
    </div>
  );
}

function MappingForm({ review, preview }: { review: Review; preview: ImportPreview }) {
  const updateReview = useImport((state) => state.updateReview);
  const idBase = useId();
  const mapping: ImportMapping = review.options.mapping ?? preview.mapping ?? { columns: {}, hasHeader: true, skipLines: 0 };
  const columns = mapping.columns ?? {};
  const change = (patch: Partial<ImportMapping>) => void updateReview({ mapping: { ...mapping, ...patch } });
  const dateOrder = review.options.dateOrder ?? preview.dateOrder;
  const delimiterHelp = preview.delimiter === '\t' ? 'tab' : `“${preview.delimiter ?? ','}”`;
  return (
    <fieldset className="review-mapping" data-testid="review-mapping">
      <legend className="review-section__title">Columns</legend>
      <div className="review-mapping__columns">
        {ROLES.map(({ role, label, required }) => {
          const id = `${idBase}-${role}`;
          const value = columns[role];
          const missing = required && value === undefined;
          return (
            <div className={`field field--compact${missing ? ' field--invalid' : ''}`} key={role}>
              <label className="field__label" htmlFor={id}>
                {label}
                {required ? <span aria-hidden="true"> *</span> : null}
                {role === 'logout' || role === 'duration' ? <span className="field__label-note"> (logout or duration)</span> : null}
              </label>
              <Select
                id={id}
                value={value === undefined ? '' : String(value)}
                aria-required={required || undefined}
                aria-invalid={missing || undefined}
                data-testid={`map-${role}`}
                onChange={(event) => {
                  const next = { ...columns };
                  if (event.target.value === '') delete next[role];
                  else next[role] = Number(event.target.value);
                  change({ columns: next });
                }}
              >
                <option value="">— not in this file —</option>
                {preview.columns.map((name, index) => (
                  <option key={index} value={index}>
                    {index + 1}. {name}
                  </option>
                ))}
              </Select>
            </div>
          );
        })}
      </div>
      <div className="review-mapping__layout">
        <div className="field field--compact">
          <span className="field__label" id={`${idBase}-order`}>
            Date order
          </span>
          <div className="segmented segmented--radio" role="radiogroup" aria-labelledby={`${idBase}-order`} data-testid="map-date-order">
            {(['MDY', 'DMY', 'YMD'] as DateOrderChoice[]).map((order) => (
              <label className="segmented__item" key={order}>
                <input
                  type="radio"
                  name={`${idBase}-order`}
                  value={order}
                  checked={dateOrder === order}
                  onChange={() => void updateReview({ dateOrder: order })}
                />
                {order === 'MDY' ? 'M/D/Y' : order === 'DMY' ? 'D/M/Y' : 'Y/M/D'}
              </label>
            ))}
          </div>
        </div>
        <div className="field field--compact">
          <label className="field__label" htmlFor={`${idBase}-clock`}>
            Clock
          </label>
          <Select
            id={`${idBase}-clock`}
            compact
            value={mapping.clock ?? ''}
            data-testid="map-clock"
            onChange={(event) => {
              const { clock: _clock, ...rest } = mapping;
              void updateReview({ mapping: event.target.value === '' ? rest : { ...rest, clock: event.target.value as '12h' | '24h' } });
            }}
          >
            <option value="">Either (AM/PM read when present)</option>
            <option value="12h">12-hour (AM/PM)</option>
            <option value="24h">24-hour</option>
          </Select>
        </div>
        <div className="field field--compact">
          <label className="field__label" htmlFor={`${idBase}-skip`}>
            Banner lines to skip
          </label>
          <NumberField
            id={`${idBase}-skip`}
            label="Banner lines to skip"
            value={mapping.skipLines ?? 0}
            min={0}
            max={1000}
            testId="map-skip"
            onCommit={(skipLines) => change({ skipLines })}
          />
        </div>
        <div className="field field--compact review-mapping__check">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={mapping.hasHeader ?? true}
              data-testid="map-header"
              onChange={(event) => change({ hasHeader: event.target.checked })}
            />
            First row names the columns
          </label>
        </div>
        <div className="field field--compact">
          <label className="field__label" htmlFor={`${idBase}-delimiter`}>
            Delimiter
          </label>
          <Select
            id={`${idBase}-delimiter`}
            compact
            value={mapping.delimiter ?? ''}
            data-testid="map-delimiter"
            onChange={(event) => {
              const { delimiter: _d, ...rest } = mapping;
              void updateReview({ mapping: event.target.value === '' ? rest : { ...rest, delimiter: event.target.value as ImportMapping['delimiter'] } });
            }}
          >
            <option value="">Detected ({delimiterHelp})</option>
            {DELIMITERS.map((d) => (
              <option key={d.label} value={d.value}>
                {d.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="field field--compact">
          <label className="field__label" htmlFor={`${idBase}-encoding`}>
            Encoding
          </label>
          <Select
            id={`${idBase}-encoding`}
            compact
            value={mapping.encoding ?? ''}
            data-testid="map-encoding"
            onChange={(event) => {
              const { encoding: _e, ...rest } = mapping;
              void updateReview({ mapping: event.target.value === '' ? rest : { ...rest, encoding: event.target.value as ImportMapping['encoding'] } });
            }}
          >
            <option value="">Detected ({preview.encoding.toUpperCase()})</option>
            {ENCODINGS.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </fieldset>
  );
}

function States({ review, preview }: { review: Review; preview: ImportPreview }) {
  const updateReview = useImport((state) => state.updateReview);
  const id = useId();
  const helpId = useId();
  const states = preview.states!;
  // Until edited, the chips show the preset's logged-in states plus those seen in the file that count as logged in.
  const shown = review.options.loggedInStates ?? [...new Set([...states.loggedIn, ...states.seen.filter((s) => s.loggedIn).map((s) => s.state)])];
  const otherwise = review.options.loggedInStates ? 'logged-out' : states.otherwise;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        States that count as logged in
      </label>
      <ChipsInput
        id={id}
        noun="state"
        values={shown}
        suggestions={states.seen.map((s) => s.state)}
        describedBy={helpId}
        testId="review-states"
        placeholder="Type a state and press Enter"
        onChange={(values) => void updateReview({ loggedInStates: values.length ? values : null })}
      />
      <p className="field__help" id={helpId}>
        {otherwise === 'logged-in'
          ? `Any other state counts as logged in too, except ${states.loggedOut.join(', ') || 'logging out'}.`
          : 'Every other state ends the session.'}{' '}
        {review.options.loggedInStates ? (
          <button type="button" className="link-button" onClick={() => void updateReview({ loggedInStates: null })}>
            Back to the preset’s states
          </button>
        ) : null}
      </p>
    </div>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const tipIdBase = useId();
  const mapped = useMemo(() => {
    const byColumn = new Map<number, string[]>();
    for (const [role, index] of Object.entries(preview.mapping?.columns ?? {})) {
      if (index === undefined) continue;
      byColumn.set(index, [...(byColumn.get(index) ?? []), role]);
    }
    return byColumn;
  }, [preview.mapping]);
  const errorRows = preview.rows.filter((r) => r.status === 'error').length;
  const width = Math.max(preview.columns.length, ...preview.rows.map((r) => r.cells.length));
  const names = Array.from({ length: width }, (_, i) => preview.columns[i] ?? `Column ${i + 1}`);
  if (preview.rows.length === 0) {
    return (
      <p className="card__empty" data-testid="review-preview-empty">
        No rows to preview: after the banner lines and the header there is nothing in the first part of the file.
      </p>
    );
  }
  return (
    <div className="review-preview">
      <div className="review-preview__head">
        <h3 className="review-section__title">
          Preview of the first {preview.rows.length} rows
        </h3>
        <span className={`badge${errorRows ? ' badge--danger' : ' badge--success'}`} data-testid="review-error-count" aria-live="polite">
          {errorRows ? `${errorRows} with problems` : 'No problems'}
        </span>
      </div>
      <div className="table-wrap review-preview__table">
        <table className="table table--compact" data-testid="review-preview">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              {names.map((name, i) => (
                <th scope="col" key={i} className={mapped.has(i) ? 'is-mapped' : undefined}>
                  <span className="review-preview__col">{name}</span>
                  {mapped.has(i) && <span className="review-preview__role">{mapped.get(i)!.join(', ')}</span>}
                </th>
              ))}
              <th scope="col">Reads as</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => {
              const rowErrors = row.errors.filter((e) => e.column === null);
              return (
                <tr key={row.line} data-testid="preview-row" data-status={row.status}>
                  <td className="num mono">{row.line}</td>
                  {Array.from({ length: width }, (_, i) => {
                    const errors = row.errors.filter((e) => e.column === i);
                    const text = row.cells[i] ?? '';
                    if (errors.length === 0) {
                      return (
                        <td key={i} className={`review-preview__cell${mapped.has(i) ? ' is-mapped' : ''}`}>
                          {text}
                        </td>
                      );
                    }
                    const message = errors.map((e) => e.message).join('; ');
                    // A plain span may not carry aria-label (axe: aria-prohibited-attr): its text is its
                    // name, and the reason is its description, so screen readers hear both on focus.
                    const tipId = `${tipIdBase}-${row.line}-${i}`;
                    return (
                      <td key={i} className="review-preview__cell has-error" data-testid="preview-cell-error">
                        <span className="cell-error" tabIndex={0} aria-invalid="true" aria-describedby={tipId}>
                          {text || <span className="cell-error__empty">empty</span>}
                          <span className="cell-error__tip" role="tooltip" id={tipId}>
                            {message}
                          </span>
                        </span>
                      </td>
                    );
                  })}
                  <td className="review-preview__reading">
                    {row.status === 'ok' ? (
                      row.readings.map((r, i) => (
                        <span key={i} className="review-preview__session">
                          <strong>{r.agent}</strong> {r.startLocal}
                          {r.endLocal ? ` → ${r.endLocal}` : r.kind === 'session' ? ' → open' : ''}
                          {r.state ? ` · ${r.state}${r.loggedIn ? '' : ' (logged out)'}` : ''}
                          {r.dstResolved ? ' · DST resolved' : ''}
                        </span>
                      ))
                    ) : row.status === 'error' ? (
                      <span className="text-danger">{rowErrors.length ? rowErrors.map((e) => e.message).join('; ') : `${row.errors.length} problem${row.errors.length === 1 ? '' : 's'}`}</span>
                    ) : row.status === 'ignored' ? (
                      <span className="text-muted">Ignored (not a session)</span>
                    ) : (
                      <span className="text-muted">Not read</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ImportReview() {
  const review = useImport((state) => state.review);
  const updateReview = useImport((state) => state.updateReview);
  const closeReview = useImport((state) => state.closeReview);
  const confirmReview = useImport((state) => state.confirmReview);
  const businessZone = useData((state) => state.prefs?.timeZone ?? 'America/New_York');
  const format = useFormatters();
  const importRef = useRef<HTMLButtonElement>(null);
  const formatId = useId();
  const zoneId = useId();
  const zoneHelpId = useId();
  const zoneOptions = useMemo(
    () => [{ value: '', label: `Business time zone (${businessZone.replace(/_/g, ' ')})`, hint: '' }, ...timeZoneOptions()],
    [businessZone],
  );

  if (!review) return null;
  const preview = review.preview;
  if (!preview) {
    return (
      <section className="card import-card" aria-label="Reading the file" data-testid="review-loading">
        <p className="import-run__phase" aria-live="polite">
          <FileIcon size={16} /> Reading the start of {review.staged.name}…
        </p>
      </section>
    );
  }

  const generic = isGenericReview(review);
  const canImport = preview.preset !== null && preview.problem === null && review.error === null && !review.loading;
  const quick = (preview.detected !== null && preview.detected.confidence >= CONFIDENT && preview.detected.id !== 'generic-csv') || preview.mappingSource === 'remembered';
  const formatValue = review.options.format;
  const zoneNote =
    preview.preset?.timeZonePolicy === 'utc'
      ? 'This export writes its times in UTC, so the zone below is not used.'
      : preview.preset?.timeZonePolicy === 'standard-offset'
        ? `This export uses the zone’s standard offset all year (no daylight saving): read as ${preview.timeZone}.`
        : preview.preset?.timeZonePolicy === 'instants'
          ? 'This export’s times carry their offset; the zone is used only for any that do not.'
          : `Times without an offset are read in ${preview.timeZone.replace(/_/g, ' ')}.`;

  return (
    <Dialog
      title={`Review ${review.staged.name}`}
      description={`${format.bytes(review.staged.sizeBytes)} · ${preview.container === 'json' ? 'JSON' : `text, ${preview.encoding.toUpperCase()}`} — nothing is saved until you import.`}
      onClose={closeReview}
      size="lg"
      testId="import-review"
      initialFocus={quick && canImport ? importRef : undefined}
      footer={
        <>
          {review.loading && (
            <span className="review-footer__status" aria-live="polite">
              Updating the preview…
            </span>
          )}
          <button type="button" className="button" onClick={closeReview} data-testid="review-cancel">
            Cancel
          </button>
          <button
            type="button"
            ref={importRef}
            className="button button--primary"
            disabled={!canImport}
            onClick={() => void confirmReview()}
            data-testid="review-import"
          >
            Import
          </button>
        </>
      }
    >
      <div className="review" aria-busy={review.loading}>
        <Detected preview={preview} />
        <div className="review__options">
          <Field label="Format" htmlFor={formatId}>
            <Select
              id={formatId}
              value={formatValue}
              data-testid="review-format"
              onChange={(event) => void updateReview({ format: event.target.value as ImportFormatId, mapping: null, loggedInStates: null })}
            >
              <option value="auto">Detect automatically{preview.detected ? ` (${preview.detected.label})` : ''}</option>
              {preview.alternatives.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                  {a.confidence !== null ? ` — ${percent(a.confidence)} match` : ''}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Time zone of the file’s timestamps" htmlFor={zoneId} help={zoneNote} helpId={zoneHelpId}>
            <Combobox
              id={zoneId}
              value={review.options.timeZone ?? preview.remembered?.timeZone ?? ''}
              onChange={(value) => void updateReview({ timeZone: value || null })}
              options={zoneOptions}
              allowFreeText
              describedBy={zoneHelpId}
              testId="review-zone"
            />
          </Field>
          {preview.states && <States review={review} preview={preview} />}
        </div>
        {generic && <MappingForm review={review} preview={preview} />}
        {review.error && (
          <div className="callout callout--danger" role="alert" data-testid="review-error">
            <AlertIcon size={16} />
            <span>{review.error.message}</span>
          </div>
        )}
        {preview.problem && (
          <div className="callout callout--warning" role="status" data-testid="review-problem">
            <AlertIcon size={16} />
            <span>{preview.problem}</span>
          </div>
        )}
        <PreviewTable preview={preview} />
      </div>
    </Dialog>
  );
}
