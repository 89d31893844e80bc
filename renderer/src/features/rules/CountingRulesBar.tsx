/**
 * The dashboard's "Counting rules" toolbar: billing cycle, concurrency rule and activity
 * definition side by side, each with a one-line explanation of the current choice; hours
 * rounding and the provisioned basis in a "More" popover. Every change goes to the shared rules
 * store, which recounts the dashboard.
 */
import { useId, type ReactNode } from 'react';
import { useData } from '../../store/data-store';
import { useDefinitions } from '../../store/definitions-store';
import { changedMoreOptions, DEFAULT_RULES, LIMITS, useRules, type CountingRules } from '../../store/rules-store';
import { ChevronDownIcon, PencilIcon, PlusIcon } from '../../ui/icons';
import { NumberField } from '../../ui/NumberField';
import { Popover } from '../../ui/Popover';
import { Select } from '../../ui/Select';
import {
  concurrencyHelp,
  CONCURRENCY_OPTIONS,
  cycleHelp,
  CYCLE_OPTIONS,
  definitionOptionLabel,
  definitionSummary,
  PROVISIONED_OPTIONS,
  ROUNDING_OPTIONS,
} from './describe';

function useRuleState(): CountingRules & { setRules: (patch: Partial<CountingRules>) => void } {
  return useRules();
}

function RuleGroup({
  label,
  htmlFor,
  help,
  helpId,
  actions,
  children,
}: {
  label: string;
  htmlFor: string;
  help: string;
  helpId: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="rules__group">
      <div className="rules__label-row">
        <label className="rules__label" htmlFor={htmlFor}>
          {label}
        </label>
        {actions && <span className="rules__actions">{actions}</span>}
      </div>
      <div className="rules__controls">{children}</div>
      <p className="rules__help" id={helpId} title={help}>
        {help}
      </p>
    </div>
  );
}

function MoreOptions() {
  const rules = useRuleState();
  const roundingId = useId();
  const provisionedId = useId();
  const changed = changedMoreOptions(rules);
  return (
    <Popover
      label="More counting rules"
      testId="rules-more"
      triggerClassName="button button--sm rules__more-button"
      trigger={
        <>
          More
          {changed > 0 && (
            // The digit alone would read as "More 2"; a plain span may not carry aria-label.
            <>
              <span className="count-badge" aria-hidden="true">
                {changed}
              </span>
              <span className="sr-only">({changed} changed)</span>
            </>
          )}
          <ChevronDownIcon size={14} />
        </>
      }
    >
      <div className="rules-more">
        <div className="field">
          <label className="field__label" htmlFor={roundingId}>
            Logged-in hours
          </label>
          <div className="rules__controls">
            <Select
              compact
              id={roundingId}
              value={rules.hoursRounding}
              data-testid="rules-rounding"
              onChange={(event) => rules.setRules({ hoursRounding: event.target.value as CountingRules['hoursRounding'] })}
            >
              {ROUNDING_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label.replace('N minutes', `${rules.incrementMinutes} minutes`)}
                </option>
              ))}
            </Select>
            {rules.hoursRounding === 'increment' && (
              <>
                <NumberField
                  label="Round each session up to this many minutes"
                  value={rules.incrementMinutes}
                  min={LIMITS.incrementMinutes.min}
                  max={LIMITS.incrementMinutes.max}
                  onCommit={(incrementMinutes) => rules.setRules({ incrementMinutes })}
                  testId="rules-increment"
                  width={56}
                />
                <span className="rules__unit">min</span>
              </>
            )}
          </div>
          <p className="field__help">Shown in the comparison chart’s tooltip and table.</p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={provisionedId}>
            Provisioned accounts
          </label>
          <Select
            compact
            id={provisionedId}
            value={rules.provisionedAt}
            data-testid="rules-provisioned"
            onChange={(event) => rules.setRules({ provisionedAt: event.target.value as CountingRules['provisionedAt'] })}
          >
            {PROVISIONED_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
          <p className="field__help">Roster accounts that existed, counted per period.</p>
        </div>
        <div className="rules-more__foot">
          <button
            type="button"
            className="link-button"
            onClick={() => rules.setRules(DEFAULT_RULES)}
            data-testid="rules-reset"
          >
            Reset all counting rules
          </button>
        </div>
      </div>
    </Popover>
  );
}

export function CountingRulesBar() {
  const rules = useRuleState();
  const definitions = useDefinitions((state) => state.definitions);
  const openEditor = useDefinitions((state) => state.openEditor);
  const loading = useData((state) => state.metricsLoading);
  const ids = { cycle: useId(), concurrency: useId(), activity: useId(), cycleHelp: useId(), concurrencyHelp: useId(), activityHelp: useId() };
  const selected = definitions.find((definition) => definition.name === rules.activity);
  const listed = selected || definitions.length === 0 ? definitions : [...definitions, { ...definitions[0]!, name: rules.activity, version: 0 }];

  return (
    <section className="rules" aria-labelledby="rules-title" data-testid="counting-rules" aria-busy={loading}>
      <h2 id="rules-title" className="rules__title">
        Counting rules
        <span className={`rules__status${loading ? ' is-busy' : ''}`} role="status">
          {loading ? 'Counting…' : ''}
        </span>
      </h2>

      <RuleGroup label="Billing cycle" htmlFor={ids.cycle} help={cycleHelp(rules)} helpId={ids.cycleHelp}>
        <Select
          compact
          id={ids.cycle}
          value={rules.cycle}
          aria-describedby={ids.cycleHelp}
          data-testid="rules-cycle"
          onChange={(event) => rules.setRules({ cycle: event.target.value as CountingRules['cycle'] })}
        >
          {CYCLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
        {rules.cycle === 'anchored' && (
          <>
            <span className="rules__unit">day</span>
            <NumberField
              label="Day of the month each cycle starts on"
              value={rules.anchorDay}
              min={LIMITS.anchorDay.min}
              max={LIMITS.anchorDay.max}
              onCommit={(anchorDay) => rules.setRules({ anchorDay })}
              testId="rules-anchor-day"
              width={52}
            />
          </>
        )}
        {rules.cycle === 'rolling' && (
          <>
            <NumberField
              label="Days in each rolling window"
              value={rules.rollingDays}
              min={LIMITS.rollingDays.min}
              max={LIMITS.rollingDays.max}
              onCommit={(rollingDays) => rules.setRules({ rollingDays })}
              testId="rules-rolling-days"
              width={56}
            />
            <span className="rules__unit">days</span>
          </>
        )}
      </RuleGroup>

      <RuleGroup label="Peak concurrency" htmlFor={ids.concurrency} help={concurrencyHelp(rules)} helpId={ids.concurrencyHelp}>
        <Select
          compact
          id={ids.concurrency}
          value={rules.concurrency}
          aria-describedby={ids.concurrencyHelp}
          data-testid="rules-concurrency"
          onChange={(event) => rules.setRules({ concurrency: event.target.value as CountingRules['concurrency'] })}
        >
          {CONCURRENCY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
        {(rules.concurrency === 'cumulative' || rules.concurrency === 'sustained') && (
          <>
            <NumberField
              label={rules.concurrency === 'cumulative' ? 'Minutes in total at the level' : 'Minutes held without a break'}
              value={rules.concurrency === 'cumulative' ? rules.cumulativeMinutes : rules.sustainedMinutes}
              min={1}
              max={LIMITS.cumulativeMinutes.max}
              onCommit={(minutes) =>
                rules.setRules(rules.concurrency === 'cumulative' ? { cumulativeMinutes: minutes } : { sustainedMinutes: minutes })
              }
              testId="rules-concurrency-minutes"
              width={56}
            />
            <span className="rules__unit">min</span>
          </>
        )}
      </RuleGroup>

      <RuleGroup
        label="Active agent"
        htmlFor={ids.activity}
        help={selected ? definitionSummary(selected) : 'Loading the saved definitions…'}
        helpId={ids.activityHelp}
        actions={
          <>
            <button
              type="button"
              className="link-button rules__action"
              onClick={() => openEditor({ mode: 'edit', name: rules.activity })}
              aria-label={`Edit the activity definition “${rules.activity}”…`}
              data-testid="rules-activity-edit"
            >
              <PencilIcon size={12} />
              Edit…
            </button>
            <button
              type="button"
              className="link-button rules__action"
              onClick={() => openEditor({ mode: 'new' })}
              aria-label="New activity definition…"
              data-testid="rules-activity-new"
            >
              <PlusIcon size={12} />
              New…
            </button>
          </>
        }
      >
        <Select
          compact
          id={ids.activity}
          className="rules__activity-select"
          value={rules.activity}
          aria-describedby={ids.activityHelp}
          data-testid="rules-activity"
          onChange={(event) => rules.setRules({ activity: event.target.value })}
        >
          {listed.map((definition) => (
            <option key={definition.name} value={definition.name}>
              {definitionOptionLabel(definition)}
            </option>
          ))}
        </Select>
      </RuleGroup>

      <div className="rules__more">
        <MoreOptions />
      </div>
    </section>
  );
}
