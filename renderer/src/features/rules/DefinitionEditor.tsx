/**
 * The activity-definition editor: who counts as an active agent. Name, basis, minimum session
 * length and active days, and accounts never counted (by role, team or id pattern). While it is
 * edited, the latest full period is recounted under the draft (debounced) so the effect is
 * visible before saving. The engine validates and versions; its complaints appear next to the
 * field they concern. The built-in definition is read-only: changes to it are saved as new.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { periodLabel } from '../../lib/periods';
import { useData } from '../../store/data-store';
import { isBuiltIn, useDefinitions, type DefinitionDraft, type SavedDefinition } from '../../store/definitions-store';
import { BUILT_IN_ACTIVITY, cycleParam, DEFAULT_RULES } from '../../store/rules-store';
import { useUi } from '../../store/ui-store';
import { ChipsInput } from '../../ui/ChipsInput';
import { Dialog } from '../../ui/Dialog';
import { AlertIcon, ArrowDownIcon, ArrowUpIcon, TrashIcon } from '../../ui/icons';
import { useDashboardView } from '../dashboard/use-dashboard-view';
import { versionText } from './describe';
import { definitionIssues, NO_ISSUES, type DefinitionField, type DefinitionIssues } from './issues';

const PREVIEW_DELAY_MS = 350;

type Form = {
  name: string;
  basis: DefinitionDraft['basis'];
  minSessionMinutes: string;
  minActiveDays: string;
  excludeRoles: string[];
  excludeTeams: string[];
  excludeIdPatterns: string[];
};

const BLANK: DefinitionDraft = {
  name: '',
  basis: 'session-start',
  minSessionMinutes: 0,
  minActiveDays: 1,
  excludeRoles: [],
  excludeTeams: [],
  excludeIdPatterns: [],
};

function toForm(definition: DefinitionDraft, name: string): Form {
  return {
    name,
    basis: definition.basis,
    minSessionMinutes: String(definition.minSessionMinutes),
    minActiveDays: String(definition.minActiveDays),
    excludeRoles: [...definition.excludeRoles],
    excludeTeams: [...definition.excludeTeams],
    excludeIdPatterns: [...definition.excludeIdPatterns],
  };
}

/** Numbers as typed: a blank becomes NaN (sent as null) so the engine explains what it needs. */
function toDraft(form: Form): DefinitionDraft {
  const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
  return {
    name: form.name.trim(),
    basis: form.basis,
    minSessionMinutes: number(form.minSessionMinutes),
    minActiveDays: number(form.minActiveDays),
    excludeRoles: form.excludeRoles,
    excludeTeams: form.excludeTeams,
    excludeIdPatterns: form.excludeIdPatterns,
  };
}

/** Roles and teams present in the data, fetched once per data span. */
let suggestionCache: { key: string; roles: string[]; teams: string[] } | null = null;

function useSuggestions(from: string | undefined, to: string | undefined) {
  const key = `${from}/${to}`;
  const [state, setState] = useState(() => (suggestionCache?.key === key ? suggestionCache : null));
  useEffect(() => {
    if (!from || !to || suggestionCache?.key === key) return;
    let live = true;
    void api['metrics:agents']({ from, to }).then((result) => {
      if (!result.ok || !live) return;
      const count = (values: Array<string | null>) => {
        const counts = new Map<string, number>();
        for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
        // Rarest first: the accounts worth excluding (supervisors, tests) are the few, not the many.
        return [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([value]) => value);
      };
      suggestionCache = { key, roles: count(result.value.agents.map((agent) => agent.role)), teams: count(result.value.agents.map((agent) => agent.team)) };
      setState(suggestionCache);
    });
    return () => {
      live = false;
    };
  }, [from, to, key]);
  return state;
}

type Preview = { status: 'idle' | 'counting' | 'done' | 'invalid' | 'failed'; value?: number; message?: string };

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field__error" id={id} data-testid="field-error">
      {message}
    </p>
  );
}

export function DefinitionEditorHost() {
  const editor = useDefinitions((state) => state.editor);
  const openEditor = useDefinitions((state) => state.openEditor);
  if (!editor) return null;
  return <DefinitionEditor key={JSON.stringify(editor)} editor={editor} onClose={() => openEditor(null)} />;
}

type EditorRequest = NonNullable<ReturnType<typeof useDefinitions.getState>['editor']>;

function DefinitionEditor({ editor: requested, onClose }: { editor: EditorRequest; onClose: () => void }) {
  const definitions = useDefinitions((state) => state.definitions);
  const save = useDefinitions((state) => state.save);
  const remove = useDefinitions((state) => state.remove);
  const notify = useUi((state) => state.notify);
  const metrics = useData((state) => state.metrics);
  const { headline, cycle, metricsRules, allPeriods, format } = useDashboardView();

  const original: SavedDefinition | undefined =
    requested.mode === 'edit' ? definitions.find((definition) => definition.name === requested.name) : undefined;
  // A definition that is not (or no longer) in the list can only be saved as a new one.
  const editor: EditorRequest = original ? requested : requested.mode === 'new' ? requested : { mode: 'new' };
  const builtIn = original ? isBuiltIn(original) : false;
  const template = original ?? (editor.mode === 'new' ? editor.from : undefined) ?? definitions.find(isBuiltIn) ?? BLANK;
  const [form, setForm] = useState<Form>(() => toForm(template, original && !builtIn ? original.name : ''));
  const [issues, setIssues] = useState<DefinitionIssues>(NO_ISSUES);
  const [saving, setSaving] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [preview, setPreview] = useState<Preview>({ status: 'idle' });
  const nameRef = useRef<HTMLInputElement>(null);

  const ids = {
    name: useId(),
    basis: useId(),
    minSession: useId(),
    minDays: useId(),
    roles: useId(),
    teams: useId(),
    patterns: useId(),
    patternsHelp: useId(),
    errors: useId(),
  };
  const errorId = (field: DefinitionField) => `${ids.errors}-${field}`;

  const trimmedName = form.name.trim();
  const renamed = original !== undefined && !builtIn && trimmedName !== original.name;
  const clash = definitions.find((definition) => definition.name === trimmedName && definition.name !== original?.name && !isBuiltIn(definition));
  const saveAsNew = editor.mode === 'new' || builtIn || renamed;
  const draft = useMemo(() => toDraft(form), [form]);
  const unchanged = original !== undefined && !renamed && JSON.stringify(toDraft(toForm(original, original.name))) === JSON.stringify({ ...draft, name: original.name });

  // Suggestions from the whole span of the data.
  const suggestions = useSuggestions(allPeriods[0]?.start, allPeriods.at(-1)?.end);

  // The period the preview counts: the active tile's, so the two numbers can be compared.
  const period = headline.latestFull;
  const periodName = period ? periodLabel(period, cycle, format) : '';
  const current = period?.activeAgents ?? null;
  const currentDefinition = metrics?.activityDefinition;

  const draftKey = JSON.stringify(draft);
  const cycleText = cycleParam(metricsRules ?? DEFAULT_RULES);
  useEffect(() => {
    if (!period) return;
    let live = true;
    setPreview((previous) => ({ ...previous, status: 'counting' }));
    const timer = setTimeout(() => {
      const activity = { ...(JSON.parse(draftKey) as DefinitionDraft) };
      // The preview does not depend on the name; an unnamed draft is still worth counting.
      if (!activity.name || activity.name === BUILT_IN_ACTIVITY) activity.name = 'Preview';
      void api['metrics:periods']({ cycle: cycleText, from: period.start, to: period.end, activity }).then((result) => {
        if (!live) return;
        if (result.ok) {
          const counted = result.value.periods.find((candidate) => candidate.start === period.start);
          setPreview({ status: 'done', value: counted?.activeAgents ?? 0 });
          // Counted fine, so the fields it used are valid (the name is checked on saving).
          setIssues((previous) => ({ fields: previous.fields.name ? { name: previous.fields.name } : {}, general: previous.general }));
          return;
        }
        const found = definitionIssues(result.error, 'activity.');
        const fields = Object.keys(found.fields);
        setPreview(
          fields.length
            ? { status: 'invalid', message: 'Fix the highlighted fields to see the count.' }
            : { status: 'failed', message: found.general ?? result.error.message },
        );
        // Field problems found while previewing are shown right away (not the name: it is not sent).
        setIssues((previous) => ({ fields: { ...found.fields, name: previous.fields.name }, general: previous.general }));
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draftKey, cycleText, period]);

  const update = (patch: Partial<Form>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    // A field's complaint goes once it is edited; the next save or preview says whether it still holds.
    setIssues((previous) => {
      const fields = { ...previous.fields };
      for (const key of Object.keys(patch) as DefinitionField[]) delete fields[key];
      return { fields, general: null };
    });
  };

  const onSave = async () => {
    if (clash) {
      setIssues({ fields: { name: `“${clash.name}” already exists. Choose another name, or edit that definition.` }, general: null });
      nameRef.current?.focus();
      return;
    }
    setSaving(true);
    const result = await save(draft);
    setSaving(false);
    if (!result.ok) {
      const found = definitionIssues(result.error);
      setIssues(found);
      const first = Object.keys(found.fields)[0] as DefinitionField | undefined;
      if (first === 'name') nameRef.current?.focus();
      return;
    }
    const saved = result.value;
    notify({
      kind: 'success',
      title: `Saved “${saved.name}” · ${versionText(saved)}`,
      message: 'The dashboard now counts active agents with it.',
    });
    onClose();
  };

  const onDelete = async () => {
    if (!original) return;
    setSaving(true);
    const result = await remove(original.name);
    setSaving(false);
    if (result.ok) {
      notify({ kind: 'info', title: `Deleted “${original.name}”`, message: 'Active agents are counted with the built-in definition.' });
      onClose();
    } else setConfirmingDelete(false);
  };

  const title = editor.mode === 'new' ? 'New activity definition' : builtIn ? 'Built-in activity definition' : 'Edit activity definition';
  const description = builtIn
    ? `“${BUILT_IN_ACTIVITY}” is built in and read-only. Change it here and save your variant under a new name.`
    : 'Decides who counts as an active agent in each period. Every saved change gets a new version.';
  const diff = preview.value !== undefined && current !== null ? preview.value - current : null;

  const footer = confirmingDelete ? (
    <div className="editor-footer editor-footer--confirm" role="alertdialog" aria-label="Confirm deletion">
      <p className="editor-footer__question">
        Delete “{original?.name}”? Numbers counted with it can no longer be reproduced by name.
      </p>
      <button type="button" className="button" onClick={() => setConfirmingDelete(false)} disabled={saving} autoFocus>
        Keep it
      </button>
      <button type="button" className="button button--danger" onClick={() => void onDelete()} disabled={saving} data-testid="definition-delete-confirm">
        {saving ? 'Deleting…' : 'Delete'}
      </button>
    </div>
  ) : (
    <div className="editor-footer">
      {original && !builtIn && (
        <button type="button" className="button button--ghost button--danger-text" onClick={() => setConfirmingDelete(true)} data-testid="definition-delete">
          <TrashIcon size={14} />
          Delete
        </button>
      )}
      <span className="editor-footer__spacer" />
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      <button
        type="submit"
        form="definition-form"
        className="button button--primary"
        disabled={saving || (unchanged && !saveAsNew)}
        data-testid="definition-save"
      >
        {saving ? 'Saving…' : saveAsNew ? (editor.mode === 'new' ? 'Save definition' : 'Save as new') : unchanged ? 'No changes' : `Save as version ${(original?.version ?? 0) + 1}`}
      </button>
    </div>
  );

  return (
    <Dialog
      title={title}
      titleExtra={
        original && (
          <span className="badge badge--accent" data-testid="definition-version">
            {builtIn ? 'Built in · read-only' : `Version ${original.version}`}
          </span>
        )
      }
      description={description}
      onClose={onClose}
      size="lg"
      testId="definition-editor"
      initialFocus={nameRef}
      footer={footer}
    >
      <form
        id="definition-form"
        className="editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSave();
        }}
      >
        <div className="editor__fields">
          {issues.general && (
            <p className="callout callout--danger" role="alert">
              <AlertIcon size={16} />
              <span>{issues.general}</span>
            </p>
          )}
          <div className={`field${issues.fields.name ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={ids.name}>
              Name
            </label>
            <input
              ref={nameRef}
              id={ids.name}
              className="input"
              value={form.name}
              maxLength={120}
              placeholder={builtIn ? 'A name for your variant, e.g. Billable agents' : 'e.g. Billable agents'}
              aria-invalid={issues.fields.name ? true : undefined}
              aria-describedby={issues.fields.name ? errorId('name') : undefined}
              onChange={(event) => update({ name: event.target.value })}
              data-testid="definition-name"
            />
            <FieldError id={errorId('name')} message={issues.fields.name} />
            {renamed && !issues.fields.name && (
              <p className="field__help">A new name saves a new definition; “{original?.name}” stays as it is.</p>
            )}
          </div>

          <fieldset className="field" aria-describedby={issues.fields.basis ? errorId('basis') : undefined}>
            <legend className="field__label">An agent is active in a period when…</legend>
            <div className="choice-list">
              {(
                [
                  ['session-start', 'Session starts in the period', 'What vendors mean by “logged in during the cycle”.'],
                  ['session-overlap', 'Any session overlaps the period', 'Also counts a shift that began before the period.'],
                ] as const
              ).map(([value, label, help]) => (
                <label key={value} className="choice">
                  <input
                    type="radio"
                    name={ids.basis}
                    value={value}
                    checked={form.basis === value}
                    onChange={() => update({ basis: value })}
                    data-testid={`definition-basis-${value}`}
                  />
                  <span>
                    <span className="choice__label">{label}</span>
                    <span className="choice__help">{help}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id={errorId('basis')} message={issues.fields.basis} />
          </fieldset>

          <div className="editor__row">
            <div className={`field${issues.fields.minSessionMinutes ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={ids.minSession}>
                Minimum session
              </label>
              <span className="input-with-unit">
                <input
                  id={ids.minSession}
                  className="input input--number"
                  inputMode="numeric"
                  value={form.minSessionMinutes}
                  aria-invalid={issues.fields.minSessionMinutes ? true : undefined}
                  aria-describedby={issues.fields.minSessionMinutes ? errorId('minSessionMinutes') : undefined}
                  onChange={(event) => update({ minSessionMinutes: event.target.value })}
                  data-testid="definition-min-session"
                />
                <span className="input-with-unit__unit">minutes</span>
              </span>
              <FieldError id={errorId('minSessionMinutes')} message={issues.fields.minSessionMinutes} />
              {!issues.fields.minSessionMinutes && <p className="field__help">Shorter sessions are ignored; 0 counts all.</p>}
            </div>
            <div className={`field${issues.fields.minActiveDays ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={ids.minDays}>
                Minimum active days
              </label>
              <span className="input-with-unit">
                <input
                  id={ids.minDays}
                  className="input input--number"
                  inputMode="numeric"
                  value={form.minActiveDays}
                  aria-invalid={issues.fields.minActiveDays ? true : undefined}
                  aria-describedby={issues.fields.minActiveDays ? errorId('minActiveDays') : undefined}
                  onChange={(event) => update({ minActiveDays: event.target.value })}
                  data-testid="definition-min-days"
                />
                <span className="input-with-unit__unit">days in the period</span>
              </span>
              <FieldError id={errorId('minActiveDays')} message={issues.fields.minActiveDays} />
              {!issues.fields.minActiveDays && <p className="field__help">Days with activity needed to count.</p>}
            </div>
          </div>

          <fieldset className="field editor__exclusions">
            <legend className="field__label">Never count these accounts</legend>
            <div className="editor__row">
            <div className="editor__exclusion">
              <label className="editor__sublabel" htmlFor={ids.roles}>
                Roles
              </label>
              <ChipsInput
                id={ids.roles}
                noun="role"
                values={form.excludeRoles}
                onChange={(excludeRoles) => update({ excludeRoles })}
                suggestions={suggestions?.roles}
                placeholder="Type a role and press Enter"
                invalid={Boolean(issues.fields.excludeRoles)}
                describedBy={issues.fields.excludeRoles ? errorId('excludeRoles') : undefined}
                testId="definition-roles"
              />
              <FieldError id={errorId('excludeRoles')} message={issues.fields.excludeRoles} />
            </div>
            <div className="editor__exclusion">
              <label className="editor__sublabel" htmlFor={ids.teams}>
                Teams
              </label>
              <ChipsInput
                id={ids.teams}
                noun="team"
                values={form.excludeTeams}
                onChange={(excludeTeams) => update({ excludeTeams })}
                suggestions={suggestions?.teams}
                placeholder="Type a team and press Enter"
                invalid={Boolean(issues.fields.excludeTeams)}
                describedBy={issues.fields.excludeTeams ? errorId('excludeTeams') : undefined}
                testId="definition-teams"
              />
              <FieldError id={errorId('excludeTeams')} message={issues.fields.excludeTeams} />
            </div>
            </div>
            <div className="editor__exclusion">
              <label className="editor__sublabel" htmlFor={ids.patterns}>
                Agent ids like
              </label>
              <ChipsInput
                id={ids.patterns}
                noun="pattern"
                values={form.excludeIdPatterns}
                onChange={(excludeIdPatterns) => update({ excludeIdPatterns })}
                placeholder="e.g. test.*  or  svc-??"
                invalid={Boolean(issues.fields.excludeIdPatterns)}
                describedBy={`${ids.patternsHelp}${issues.fields.excludeIdPatterns ? ` ${errorId('excludeIdPatterns')}` : ''}`}
                testId="definition-patterns"
              />
              <FieldError id={errorId('excludeIdPatterns')} message={issues.fields.excludeIdPatterns} />
              <p className="field__help" id={ids.patternsHelp}>
                <code>*</code> matches any run of characters, <code>?</code> exactly one; case is ignored.
              </p>
            </div>
          </fieldset>
        </div>

        <aside className="editor__preview" aria-labelledby={`${ids.errors}-preview`} aria-live="polite" data-testid="definition-preview">
          <h3 id={`${ids.errors}-preview`} className="preview__title">
            Preview
          </h3>
          {period ? (
            <>
              <p className="preview__period">{periodName}</p>
              <p className="preview__caption">Active agents with this definition</p>
              <p className={`preview__value${preview.status === 'counting' ? ' is-stale' : ''}`} data-testid="definition-preview-value">
                {preview.value === undefined ? '—' : format.integer(preview.value)}
              </p>
              {preview.status === 'invalid' || preview.status === 'failed' ? (
                <p className="preview__note preview__note--warn">{preview.message}</p>
              ) : (
                diff !== null &&
                current !== null && (
                  <p className="preview__note">
                    {diff === 0 ? (
                      'Same as'
                    ) : (
                      <span className="delta">
                        {diff > 0 ? <ArrowUpIcon size={12} /> : <ArrowDownIcon size={12} />}
                        {format.signedInteger(diff)}
                      </span>
                    )}{' '}
                    {diff === 0 ? '' : 'vs '}
                    {format.integer(current)} with “{currentDefinition?.name ?? BUILT_IN_ACTIVITY}”
                    {currentDefinition && !isBuiltIn(currentDefinition) ? ` (v${currentDefinition.version})` : ''}, shown on the dashboard now.
                  </p>
                )
              )}
              <p className="preview__status" aria-hidden={preview.status !== 'counting'}>
                {preview.status === 'counting' ? 'Counting…' : '\u00a0'}
              </p>
            </>
          ) : (
            <p className="preview__note">No full period to count yet.</p>
          )}
        </aside>
      </form>
    </Dialog>
  );
}
