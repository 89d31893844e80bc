/** The page-level date range: presets plus explicit from/to months, shared through the store. */
import { useId } from 'react';
import { PRESET_LABELS, resolveRange, type RangePreset } from '../../lib/date-range';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { Select } from '../../ui/Select';

export function RangeControl({ months }: { months: readonly string[] }) {
  const range = useData((state) => state.range);
  const setRange = useData((state) => state.setRange);
  const format = useFormatters();
  const fromId = useId();
  const toId = useId();
  const resolved = resolveRange(range, months);
  const presets = Object.keys(PRESET_LABELS) as Exclude<RangePreset, 'custom'>[];

  return (
    <fieldset className="range-control" data-testid="range-control">
      <legend className="sr-only">Date range</legend>
      <div className="segmented" role="group" aria-label="Date range presets">
        {presets.map((preset) => (
          <button
            key={preset}
            type="button"
            className="segmented__item"
            aria-pressed={range.preset === preset}
            data-testid={`range-${preset}`}
            onClick={() => setRange({ preset })}
          >
            {PRESET_LABELS[preset]}
          </button>
        ))}
      </div>
      <div className="range-control__custom" data-custom={range.preset === 'custom'}>
        <label className="sr-only" htmlFor={fromId}>
          From month
        </label>
        <Select
          compact
          id={fromId}
          value={resolved?.from ?? ''}
          disabled={!resolved}
          data-testid="range-from"
          onChange={(event) => setRange({ preset: 'custom', from: event.target.value, to: resolved?.to })}
        >
          {months.map((month) => (
            <option key={month} value={month}>
              {format.monthShort(`${month}-01`)}
            </option>
          ))}
        </Select>
        <span className="range-control__dash" aria-hidden="true">
          –
        </span>
        <label className="sr-only" htmlFor={toId}>
          To month
        </label>
        <Select
          compact
          id={toId}
          value={resolved?.to ?? ''}
          disabled={!resolved}
          data-testid="range-to"
          onChange={(event) => setRange({ preset: 'custom', from: resolved?.from, to: event.target.value })}
        >
          {months.map((month) => (
            <option key={month} value={month}>
              {format.monthShort(`${month}-01`)}
            </option>
          ))}
        </Select>
      </div>
    </fieldset>
  );
}
