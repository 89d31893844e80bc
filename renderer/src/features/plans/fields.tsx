/**
 * Form fields bound to a path inside the plan draft. Each shows its label, a plain-words help
 * line, and the validation message for its exact JSON path (from the same zod schema the engine
 * uses) right under the input, linked with aria-describedby.
 */
import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { jsonPath } from '../../../../shared/pricing/plan';
import { Select } from '../../ui/Select';
import { getAt } from './model';

export type Path = ReadonlyArray<string | number>;

export type DraftContext = {
  draft: unknown;
  set: (path: Path, value: unknown) => void;
  /** Validation messages by JSON path ($.charges[0].price.unitPrice). */
  issues: ReadonlyMap<string, string>;
  currency: string;
};

export const DraftCtx = createContext<DraftContext | null>(null);

export function useDraft(): DraftContext {
  const ctx = useContext(DraftCtx);
  if (!ctx) throw new Error('fields must sit inside <DraftCtx.Provider>');
  return ctx;
}

type FieldShellProps = {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string;
  children: ReactNode;
  wide?: boolean;
};

function FieldShell({ id, label, help, error, children, wide }: FieldShellProps) {
  return (
    <div className={`field plan-field${error ? ' field--invalid' : ''}${wide ? ' plan-field--wide' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error && (
        <p className="field__error" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      )}
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, help: unknown, error: string | undefined): string | undefined {
  const ids = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type BaseProps = { path: Path; label: string; help?: ReactNode; testId?: string; wide?: boolean };

/** A text value; empty text removes an optional key. */
export function TextField({ path, label, help, testId, wide, optional, placeholder, multiline }: BaseProps & { optional?: boolean; placeholder?: string; multiline?: boolean }) {
  const { draft, set, issues } = useDraft();
  const id = useId();
  const value = getAt(draft, path);
  const error = issues.get(jsonPath(path));
  const props = {
    id,
    className: 'input',
    value: typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value),
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, help, error),
    'data-testid': testId,
    onChange: (e: { target: { value: string } }) => set(path, optional && e.target.value === '' ? undefined : e.target.value),
  };
  return (
    <FieldShell id={id} label={label} help={help} error={error} wide={wide}>
      {multiline ? <textarea {...props} rows={3} /> : <input type="text" {...props} />}
    </FieldShell>
  );
}

/** An amount of money as the plan format writes it: a decimal string in major units ("75.00"). */
export function MoneyField({ path, label, help, testId, optional, wide }: BaseProps & { optional?: boolean }) {
  const { draft, set, issues, currency } = useDraft();
  const id = useId();
  const value = getAt(draft, path);
  const error = issues.get(jsonPath(path));
  return (
    <FieldShell id={id} label={label} help={help} error={error} wide={wide}>
      <span className="input-with-unit">
        <input
          id={id}
          className="input input--money"
          type="text"
          inputMode="decimal"
          value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, help, error)}
          data-testid={testId}
          onChange={(e) => set(path, optional && e.target.value.trim() === '' ? undefined : e.target.value.trim())}
        />
        <span className="input-with-unit__unit">{currency}</span>
      </span>
    </FieldShell>
  );
}

/**
 * A number. While the text is not a number it is stored as typed, so the schema reports it
 * next to the field; empty text removes an optional key (or sets null where `emptyIs` says so).
 */
export function NumberInput({
  path,
  label,
  help,
  testId,
  optional,
  emptyIs,
  unit,
  placeholder,
}: BaseProps & { optional?: boolean; emptyIs?: null; unit?: string; placeholder?: string }) {
  const { draft, set, issues } = useDraft();
  const id = useId();
  const value = getAt(draft, path);
  const error = issues.get(jsonPath(path));
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const [text, setText] = useState(shown);
  // Follow changes made elsewhere (a template, a reset) without fighting "1." while typing.
  useEffect(() => {
    if (Number(text) !== value && text !== shown) setText(shown);
  }, [shown]); // eslint-disable-line react-hooks/exhaustive-deps -- only external changes matter
  const input = (
    <input
      id={id}
      className="input input--number-wide"
      type="text"
      inputMode="decimal"
      value={text}
      placeholder={placeholder}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, help, error)}
      data-testid={testId}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const trimmed = next.trim();
        if (trimmed === '') set(path, emptyIs === null ? null : optional ? undefined : trimmed);
        else if (/^-?\d+(\.\d*)?$/.test(trimmed)) set(path, Number(trimmed));
        else set(path, trimmed);
      }}
    />
  );
  return (
    <FieldShell id={id} label={label} help={help} error={error}>
      {unit ? (
        <span className="input-with-unit">
          {input}
          <span className="input-with-unit__unit">{unit}</span>
        </span>
      ) : (
        input
      )}
    </FieldShell>
  );
}

export function SelectField({
  path,
  label,
  help,
  testId,
  options,
  optional,
  onChoose,
}: BaseProps & { options: ReadonlyArray<readonly [string, string]>; optional?: string; onChoose?: (value: string) => void }) {
  const { draft, set, issues } = useDraft();
  const id = useId();
  const value = getAt(draft, path);
  const error = issues.get(jsonPath(path));
  return (
    <FieldShell id={id} label={label} help={help} error={error}>
      <Select
        id={id}
        value={typeof value === 'string' ? value : ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
        data-testid={testId}
        onChange={(e) => (onChoose ? onChoose(e.target.value) : set(path, optional !== undefined && e.target.value === '' ? undefined : e.target.value))}
      >
        {optional !== undefined && <option value="">{optional}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </FieldShell>
  );
}

export function CheckField({ path, label, help, testId }: BaseProps) {
  const { draft, set, issues } = useDraft();
  const id = useId();
  const error = issues.get(jsonPath(path));
  return (
    <div className={`plan-check${error ? ' field--invalid' : ''}`}>
      <label className="plan-check__label" htmlFor={id}>
        <input id={id} type="checkbox" checked={getAt(draft, path) === true} onChange={(e) => set(path, e.target.checked)} data-testid={testId} aria-describedby={describedBy(id, help, error)} />
        {label}
      </label>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}

/**
 * An optional part of the plan (a commitment, a cap, proration…): a switch adds it with sensible
 * starting values or removes it, and its fields show only while it is on.
 */
export function OptionalSection({
  path,
  title,
  help,
  initial,
  children,
  testId,
}: {
  path: Path;
  title: string;
  help: ReactNode;
  initial: () => unknown;
  children: ReactNode;
  testId?: string;
}) {
  const { draft, set, issues } = useDraft();
  const id = useId();
  const on = getAt(draft, path) !== undefined;
  const error = issues.get(jsonPath(path));
  return (
    <fieldset className={`plan-section${on ? ' plan-section--on' : ''}${error ? ' field--invalid' : ''}`} data-testid={testId}>
      <legend className="sr-only">{title}</legend>
      <div className="plan-section__head">
        <label className="plan-check__label" htmlFor={id}>
          <input id={id} type="checkbox" checked={on} onChange={(e) => set(path, e.target.checked ? initial() : undefined)} aria-describedby={`${id}-help`} />
          <span className="plan-section__title">{title}</span>
        </label>
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
        {error && <p className="field__error">{error}</p>}
      </div>
      {on && <div className="plan-grid">{children}</div>}
    </fieldset>
  );
}

/** Messages that belong to a whole object (shown at its heading rather than at one field). */
export function IssueAt({ path }: { path: Path }) {
  const { issues } = useDraft();
  const error = issues.get(jsonPath(path));
  return error ? <p className="field__error">{error}</p> : null;
}
