/**
 * The four headline numbers, each with the exact rules it was counted by (as the engine stated
 * them: activity definition with its version, concurrency rule, billing cycle, time zone) one
 * hover or Tab away.
 */
import type { ReactNode } from 'react';
import type { MonthlyMetrics, MonthlyPeriod } from '../../../../shared/contract';
import type { Formatters } from '../../lib/format';
import { cycleNoun, periodLabel, periodShortLabel, type CycleKind } from '../../lib/periods';
import { ArrowDownIcon, ArrowUpIcon, UsersIcon } from '../../ui/icons';
import { InfoTip } from '../../ui/InfoTip';
import { versionText, withoutLead } from '../rules/describe';
import { spanOf } from './PeriodChart';
import type { Headline } from './headline';

function DefinitionText({ lines }: { lines: Array<[string, ReactNode]> }) {
  return (
    <span className="definition">
      {lines.map(([term, text]) => (
        <span key={term} className="definition__row">
          <span className="definition__term">{term}</span> <span>{text}</span>
        </span>
      ))}
    </span>
  );
}

function Delta({ current, previous, previousLabel, format, noun }: { current: number; previous: number | null; previousLabel: string; format: Formatters; noun: string }) {
  if (previous === null) return <span className="tile__meta-text">No earlier {noun} in range</span>;
  const diff = current - previous;
  const ratio = previous > 0 ? diff / previous : null;
  const Icon = diff > 0 ? ArrowUpIcon : diff < 0 ? ArrowDownIcon : null;
  return (
    <span className="tile__meta-text">
      <span className={`delta${diff === 0 ? ' delta--flat' : ''}`}>
        {Icon && <Icon size={12} />}
        {format.signedInteger(diff)}
        {ratio !== null && diff !== 0 && <span className="delta__ratio"> ({format.signedPercent(ratio)})</span>}
      </span>{' '}
      vs {previousLabel}
    </span>
  );
}

function Tile({ testId, label, value, caption, definition, meta, action }: { testId: string; label: string; value: string; caption: string; definition: ReactNode; meta: ReactNode; action?: ReactNode }) {
  return (
    <article className="tile" data-testid={testId}>
      <header className="tile__head">
        <h3 className="tile__label">{label}</h3>
        <InfoTip label={`How “${label}” is counted`}>{definition}</InfoTip>
      </header>
      <div className="tile__body">
        <p className="tile__value" data-testid={`${testId}-value`}>
          {value}
        </p>
        {action}
      </div>
      <p className="tile__caption">{caption}</p>
      <p className="tile__meta">{meta}</p>
    </article>
  );
}

type TilesProps = {
  headline: Headline;
  metrics: Pick<MonthlyMetrics, 'definitions' | 'activityDefinition'>;
  timeZone: string;
  cycle: CycleKind;
  format: Formatters;
  /** Opens the list of agents behind an active-agents number. */
  onSeeAgents?: (period: MonthlyPeriod) => void;
};

export function HeadlineTiles({ headline, metrics, timeZone, cycle, format, onSeeAgents }: TilesProps) {
  const { latestFull, beforeLatestFull, latest, beforeLatest, averageActive, averageMonths, provisionedShare, latestIsPartial } = headline;
  const { definitions, activityDefinition } = metrics;
  const noun = cycleNoun(cycle);
  const excludes =
    activityDefinition.excludeRoles.length + activityDefinition.excludeTeams.length + activityDefinition.excludeIdPatterns.length > 0;
  const common: Array<[string, ReactNode]> = [
    ['Billing cycle:', definitions.cycle],
    ['Time zone:', timeZone],
  ];
  const activity: [string, ReactNode] = [
    'Active agent:',
    <>
      <span className="definition__name" data-testid="tile-definition-name">
        “{activityDefinition.name}”, {versionText(activityDefinition)}.
      </span>{' '}
      {definitions.activity}
    </>,
  ];
  const averageSpan = spanOf(averageMonths, cycle, format);
  const averageLabel =
    cycle === 'month'
      ? averageMonths.length >= 12
        ? '12-month average active'
        : 'Average active agents'
      : `Average active per ${noun}`;

  return (
    <section className="tiles" aria-label="Headline figures" data-count={provisionedShare !== null && latestFull ? 4 : 3}>
      <Tile
        testId="tile-active"
        label="Active agents"
        value={latestFull ? format.integer(latestFull.activeAgents) : '—'}
        caption={latestFull ? `${periodLabel(latestFull, cycle, format)} · latest full ${noun}` : `No full ${noun} yet`}
        definition={<DefinitionText lines={[activity, ...common]} />}
        meta={
          latestFull && (
            <Delta
              current={latestFull.activeAgents}
              previous={beforeLatestFull?.activeAgents ?? null}
              previousLabel={beforeLatestFull ? periodShortLabel(beforeLatestFull, cycle, format) : ''}
              format={format}
              noun={noun}
            />
          )
        }
        action={
          latestFull &&
          onSeeAgents && (
            <button
              type="button"
              className="button button--sm tile__action"
              onClick={() => onSeeAgents(latestFull)}
              aria-label={`See agents active in ${periodLabel(latestFull, cycle, format)}`}
              data-testid="tile-active-agents"
            >
              <UsersIcon size={14} />
              See agents
            </button>
          )
        }
      />
      <Tile
        testId="tile-peak"
        label="Peak concurrent agents"
        value={latest ? format.integer(latest.peakConcurrent) : '—'}
        caption={latest ? `${periodLabel(latest, cycle, format)}${latestIsPartial ? ` · partial ${noun}` : ` · latest ${noun}`}` : 'No data'}
        definition={
          <DefinitionText
            lines={[
              ['Concurrency:', definitions.concurrency],
              ...(excludes
                ? ([['Note:', `Every logged-in account counts here; the exclusions of “${activityDefinition.name}” apply to active agents only.`]] as Array<[string, ReactNode]>)
                : []),
              ...common,
            ]}
          />
        }
        meta={
          latest && (
            <Delta
              current={latest.peakConcurrent}
              previous={beforeLatest?.peakConcurrent ?? null}
              previousLabel={beforeLatest ? periodShortLabel(beforeLatest, cycle, format) : ''}
              format={format}
              noun={noun}
            />
          )
        }
      />
      <Tile
        testId="tile-average"
        label={averageLabel}
        value={averageActive === null ? '—' : format.decimal(averageActive)}
        caption={averageMonths.length ? `${averageSpan} · ${averageMonths.length} ${cycleNoun(cycle, averageMonths.length)}` : 'No data'}
        definition={
          <DefinitionText
            lines={[
              ['Average:', `Mean of the active-agent counts over the last 12 full ${cycleNoun(cycle, 12)} in the selected range.`],
              activity,
              ...common,
            ]}
          />
        }
        meta={<span className="tile__meta-text">Mean of active agents per {noun}</span>}
      />
      {provisionedShare !== null && latestFull && (
        <Tile
          testId="tile-provisioned"
          label="Provisioned accounts in use"
          value={format.percent(provisionedShare)}
          caption={`${periodLabel(latestFull, cycle, format)} · latest full ${noun}`}
          definition={
            <DefinitionText
              lines={[
                ['Share:', `Active agents divided by the accounts provisioned in the ${noun}.`],
                ['Provisioned:', withoutLead(definitions.provisioned)],
                activity,
                ...common,
              ]}
            />
          }
          meta={
            <span className="tile__meta-text">
              {format.integer(latestFull.activeAgents)} of {format.integer(latestFull.provisioned)} accounts
            </span>
          }
        />
      )}
    </section>
  );
}
