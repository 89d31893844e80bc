/** The four headline numbers, each with the rule it was counted by one hover or Tab away. */
import type { ReactNode } from 'react';
import type { MonthlyMetrics } from '../../../../shared/contract';
import type { Formatters } from '../../lib/format';
import { ArrowDownIcon, ArrowUpIcon } from '../../ui/icons';
import { InfoTip } from '../../ui/InfoTip';
import type { Headline } from './headline';

type Definitions = MonthlyMetrics['definitions'];

function DefinitionText({ lines }: { lines: Array<[string, string]> }) {
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

function Delta({ current, previous, previousLabel, format }: { current: number; previous: number | null; previousLabel: string; format: Formatters }) {
  if (previous === null) return <span className="tile__meta-text">No earlier month in range</span>;
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

function Tile({ testId, label, value, caption, definition, meta }: { testId: string; label: string; value: string; caption: string; definition: ReactNode; meta: ReactNode }) {
  return (
    <article className="tile" data-testid={testId}>
      <header className="tile__head">
        <h3 className="tile__label">{label}</h3>
        <InfoTip label={`How “${label}” is counted`}>{definition}</InfoTip>
      </header>
      <p className="tile__value" data-testid={`${testId}-value`}>
        {value}
      </p>
      <p className="tile__caption">{caption}</p>
      <p className="tile__meta">{meta}</p>
    </article>
  );
}

export function HeadlineTiles({ headline, definitions, timeZone, format }: { headline: Headline; definitions: Definitions; timeZone: string; format: Formatters }) {
  const { latestFull, beforeLatestFull, latest, beforeLatest, averageActive, averageMonths, provisionedShare, latestIsPartial } = headline;
  const common: Array<[string, string]> = [
    ['Billing cycle:', definitions.cycle],
    ['Time zone:', timeZone],
  ];
  const averageSpan =
    averageMonths.length > 0 ? format.monthRange(averageMonths[0]!.start, averageMonths[averageMonths.length - 1]!.start) : '';

  return (
    <section className="tiles" aria-label="Headline figures" data-count={provisionedShare !== null && latestFull ? 4 : 3}>
      <Tile
        testId="tile-active"
        label="Active agents"
        value={latestFull ? format.integer(latestFull.activeAgents) : '—'}
        caption={latestFull ? `${format.month(latestFull.start)} · latest full month` : 'No full month yet'}
        definition={<DefinitionText lines={[['Active:', definitions.activity], ...common]} />}
        meta={
          latestFull && (
            <Delta
              current={latestFull.activeAgents}
              previous={beforeLatestFull?.activeAgents ?? null}
              previousLabel={beforeLatestFull ? format.monthShort(beforeLatestFull.start) : ''}
              format={format}
            />
          )
        }
      />
      <Tile
        testId="tile-peak"
        label="Peak concurrent agents"
        value={latest ? format.integer(latest.peakConcurrent) : '—'}
        caption={latest ? `${format.month(latest.start)}${latestIsPartial ? ' · partial month' : ' · latest month'}` : 'No data'}
        definition={<DefinitionText lines={[['Concurrency:', definitions.concurrency], ...common]} />}
        meta={
          latest && (
            <Delta
              current={latest.peakConcurrent}
              previous={beforeLatest?.peakConcurrent ?? null}
              previousLabel={beforeLatest ? format.monthShort(beforeLatest.start) : ''}
              format={format}
            />
          )
        }
      />
      <Tile
        testId="tile-average"
        label={averageMonths.length >= 12 ? '12-month average active' : 'Average active agents'}
        value={averageActive === null ? '—' : format.decimal(averageActive)}
        caption={averageMonths.length ? `${averageSpan} · ${averageMonths.length} ${averageMonths.length === 1 ? 'month' : 'months'}` : 'No data'}
        definition={
          <DefinitionText
            lines={[
              ['Average:', 'Mean of the monthly active-agent counts over the last 12 full months in the selected range.'],
              ['Active:', definitions.activity],
              ...common,
            ]}
          />
        }
        meta={<span className="tile__meta-text">Mean of monthly active agents</span>}
      />
      {provisionedShare !== null && latestFull && (
        <Tile
          testId="tile-provisioned"
          label="Provisioned accounts in use"
          value={format.percent(provisionedShare)}
          caption={`${format.month(latestFull.start)} · latest full month`}
          definition={
            <DefinitionText
              lines={[
                ['Share:', 'Active agents divided by the accounts provisioned in the month.'],
                ['Active:', definitions.activity],
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
