import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { Preferences } from '../../../../shared/contract';
import { createFormatters, isValidCurrency, isValidLocale, isValidTimeZone } from '../../lib/format';
import { timeZoneOptions } from '../../lib/time-zones';
import { useData } from '../../store/data-store';
import { useUi } from '../../store/ui-store';
import { Combobox, type ComboOption } from '../../ui/Combobox';
import { AlertIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY', 'SGD', 'INR', 'BRL', 'MXN', 'ZAR', 'AED'];
const COMMON_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IE', 'fr-FR', 'fr-CA', 'de-DE', 'es-ES', 'es-MX', 'pt-BR', 'nl-NL', 'it-IT', 'sv-SE', 'da-DK', 'pl-PL', 'ja-JP'];
const THEMES: Array<{ value: Preferences['theme']; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

type FieldErrors = Partial<Record<keyof Preferences, string>>;

function validate(draft: Preferences): FieldErrors {
  const errors: FieldErrors = {};
  if (!isValidTimeZone(draft.timeZone)) errors.timeZone = `“${draft.timeZone}” is not a time zone this computer knows. Pick one from the list.`;
  if (!/^[A-Z]{3}$/.test(draft.currency)) errors.currency = 'Use a three-letter ISO 4217 code, such as USD or EUR.';
  else if (!isValidCurrency(draft.currency)) errors.currency = `“${draft.currency}” is not a currency code this computer knows.`;
  if (!isValidLocale(draft.locale)) errors.locale = `“${draft.locale}” is not a locale tag. Use a form like en-US or fr-CA.`;
  return errors;
}

/** Engine messages look like "Invalid request for prefs:set: currency: expected …". */
function fieldOfEngineError(message: string): keyof Preferences | null {
  const match = /\b(timeZone|currency|locale|theme)\b/.exec(message);
  return (match?.[1] as keyof Preferences | undefined) ?? null;
}

function Field({ id, label, help, error, children }: { id: string; label: string; help?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : (
        help && (
          <p className="field__help" id={`${id}-help`}>
            {help}
          </p>
        )
      )}
    </div>
  );
}

function PreferencesForm({ saved }: { saved: Preferences }) {
  const savePrefs = useData((state) => state.savePrefs);
  const notify = useUi((state) => state.notify);
  const setThemePreview = useUi((state) => state.setThemePreview);
  const [draft, setDraft] = useState<Preferences>(saved);
  const [engineError, setEngineError] = useState<{ field: keyof Preferences | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { zone: useId(), currency: useId(), locale: useId(), theme: useId() };

  // Reset the form only when the stored values change, not on every refresh of the same values.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(saved), [saved.timeZone, saved.currency, saved.locale, saved.theme]);
  useEffect(() => {
    setThemePreview(draft.theme === saved.theme ? null : draft.theme);
  }, [draft.theme, saved.theme, setThemePreview]);
  useEffect(() => () => setThemePreview(null), [setThemePreview]);

  const errors = validate(draft);
  const dirty = (Object.keys(saved) as Array<keyof Preferences>).some((key) => draft[key] !== saved[key]);
  const hasErrors = Object.keys(errors).length > 0;

  const zoneOptions = useMemo(() => timeZoneOptions(), []);
  const currencyOptions = useMemo<ComboOption[]>(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([saved.locale], { type: 'currency' });
    } catch {
      names = null;
    }
    return COMMON_CURRENCIES.map((code) => ({ value: code, label: code, hint: names?.of(code) ?? '' }));
  }, [saved.locale]);
  const localeOptions = useMemo<ComboOption[]>(() => {
    return COMMON_LOCALES.map((tag) => {
      let hint: string;
      try {
        hint = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? '';
      } catch {
        hint = '';
      }
      return { value: tag, label: tag, hint };
    });
  }, []);

  const sample = useMemo(() => {
    if (hasErrors) return null;
    const f = createFormatters(draft.locale, draft.timeZone, draft.currency);
    return {
      number: f.decimal(1234567.8),
      month: f.month('2025-03-01'),
      money: f.money(123456),
      now: f.dateTime(new Date().toISOString()),
    };
  }, [draft.locale, draft.timeZone, draft.currency, hasErrors]);

  const update = <K extends keyof Preferences>(key: K, value: Preferences[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (engineError?.field === key || engineError?.field === null) setEngineError(null);
  };

  const save = async () => {
    if (hasErrors || !dirty) return;
    const patch: Partial<Preferences> = {};
    (Object.keys(draft) as Array<keyof Preferences>).forEach((key) => {
      if (draft[key] !== saved[key]) (patch as Record<string, string>)[key] = draft[key];
    });
    setSaving(true);
    const result = await savePrefs(patch);
    setSaving(false);
    if (!result.ok) {
      setEngineError({ field: fieldOfEngineError(result.error.message), message: result.error.message });
      return;
    }
    setEngineError(null);
    notify({
      kind: 'success',
      title: 'Preferences saved',
      message: patch.timeZone ? `Months are now counted in ${patch.timeZone}.` : undefined,
    });
  };

  const fieldError = (key: keyof Preferences) => errors[key] ?? (engineError?.field === key ? engineError.message : undefined);

  return (
    <form
      className="prefs-form"
      data-testid="preferences-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {engineError && engineError.field === null && (
        <div className="callout callout--danger" role="alert">
          <AlertIcon size={16} />
          <p>{engineError.message}</p>
        </div>
      )}

      <section className="card prefs-section" aria-labelledby="prefs-region">
        <div className="prefs-section__intro">
          <h2 id="prefs-region" className="card__title">
            Region
          </h2>
          <p className="card__subtitle">Where your contact center’s days and months begin and end, and how dates and numbers are written.</p>
        </div>
        <div className="prefs-section__fields">
          <Field
            id={ids.zone}
            label="Business time zone"
            error={fieldError('timeZone')}
            help="Local days and billing months are counted in this zone. Changing it recounts every month."
          >
            <Combobox
              id={ids.zone}
              testId="pref-timezone"
              value={draft.timeZone}
              onChange={(value) => update('timeZone', value)}
              options={zoneOptions}
              placeholder="Type to search, e.g. Chicago"
              invalid={Boolean(fieldError('timeZone'))}
              describedBy={fieldError('timeZone') ? `${ids.zone}-error` : `${ids.zone}-help`}
            />
          </Field>
          <Field id={ids.locale} label="Locale" error={fieldError('locale')} help="Language and region for dates and numbers. Pick one or type any BCP 47 tag.">
            <Combobox
              id={ids.locale}
              testId="pref-locale"
              value={draft.locale}
              onChange={(value) => update('locale', value)}
              options={localeOptions}
              allowFreeText
              invalid={Boolean(fieldError('locale'))}
              describedBy={fieldError('locale') ? `${ids.locale}-error` : `${ids.locale}-help`}
            />
          </Field>
          {sample && (
            <div className="sample" aria-live="polite" data-testid="prefs-sample">
              <p className="sample__label">Preview</p>
              <dl className="sample__grid">
                <dt>Number</dt>
                <dd>{sample.number}</dd>
                <dt>Month</dt>
                <dd>{sample.month}</dd>
                <dt>Money</dt>
                <dd>{sample.money}</dd>
                <dt>Now</dt>
                <dd>{sample.now}</dd>
              </dl>
            </div>
          )}
        </div>
      </section>

      <section className="card prefs-section" aria-labelledby="prefs-money">
        <div className="prefs-section__intro">
          <h2 id="prefs-money" className="card__title">
            Money
          </h2>
          <p className="card__subtitle">The currency licence prices and projected bills are shown in.</p>
        </div>
        <div className="prefs-section__fields">
          <Field id={ids.currency} label="Currency" error={fieldError('currency')} help={sample ? `Pick a common one or type any three-letter ISO 4217 code. Amounts look like ${sample.money}.` : 'Pick a common one or type any three-letter ISO 4217 code.'}>
            <Combobox
              id={ids.currency}
              testId="pref-currency"
              value={draft.currency}
              onChange={(value) => update('currency', value.toUpperCase())}
              options={currencyOptions}
              allowFreeText
              invalid={Boolean(fieldError('currency'))}
              describedBy={fieldError('currency') ? `${ids.currency}-error` : `${ids.currency}-help`}
            />
          </Field>
        </div>
      </section>

      <section className="card prefs-section" aria-labelledby="prefs-appearance">
        <div className="prefs-section__intro">
          <h2 id="prefs-appearance" className="card__title">
            Appearance
          </h2>
          <p className="card__subtitle">System follows your operating system’s light or dark setting.</p>
        </div>
        <div className="prefs-section__fields">
          <fieldset className="field">
            <legend className="field__label">Theme</legend>
            <div className="segmented segmented--radio" data-testid="pref-theme">
              {THEMES.map((theme) => (
                <label key={theme.value} className="segmented__item">
                  <input
                    type="radio"
                    name={ids.theme}
                    value={theme.value}
                    checked={draft.theme === theme.value}
                    onChange={() => update('theme', theme.value)}
                  />
                  <span>{theme.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </section>

      <div className="form-bar" data-dirty={dirty}>
        <p className="form-bar__status" aria-live="polite">
          {dirty ? 'You have unsaved changes.' : 'All changes saved.'}
        </p>
        <div className="form-bar__actions">
          <button type="button" className="button" disabled={!dirty || saving} onClick={() => { setDraft(saved); setEngineError(null); }}>
            Revert
          </button>
          <button type="submit" className="button button--primary" disabled={!dirty || hasErrors || saving} data-testid="prefs-save">
            {saving ? 'Saving…' : 'Save preferences'}
          </button>
        </div>
      </div>
    </form>
  );
}

export function PreferencesScreen() {
  const prefs = useData((state) => state.prefs);
  return (
    <div className="page" data-testid="preferences">
      <PageHeader title="Preferences" subtitle="Stored in this computer’s Seatcast database." />
      {prefs ? <PreferencesForm saved={prefs} /> : <p className="muted">Loading preferences…</p>}
    </div>
  );
}
