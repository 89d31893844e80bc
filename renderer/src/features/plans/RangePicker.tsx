/**
 * The months a comparison covers: the last 12 complete months by default, the whole history,
 * or any span of months chosen with two month fields.
 */
import { useId, useState } from 'react';
import { useFormatters } from '../../store/hooks';
import { usePlans } from '../../store/plans-store';
import { Select } from '../../ui/Select';
import type { MonthRange } from './model';

type Preset = 'default' | 'all' | 'custom';

export function RangePicker({ range, availableMonths }: { range: MonthRange | null; availableMonths: readonly string[] }) {
  const chosen = usePlans((s) => s.range);
  const setRange = usePlans((s) => s.setRange);
  const format = useFormatters();
  const id = useId();
  const first = availableMonths[0];
  const last = availableMonths.at(-1);
  const [preset, setPreset] = useState<Preset>(chosen === null ? 'default' : 'custom');

  const choose = (next: Preset) => {
    setPreset(next);
    if (next === 'default') setRange(null);
    else if (next === 'all' && first && last) setRange({ from: first, to: last });
    else if (next === 'custom' && range) setRange(range);
  };

  const setBound = (bound: keyof MonthRange, value: string) => {
    if (!/^\d{4}-\d{2}$/.test(value) || !range) return;
    const next = { ...range, [bound]: value };
    if (next.from > next.to) {
      if (bound === 'from') next.to = next.from;
      else next.from = next.to;
    }
    setRange(next);
  };

  return (
    <div className="range-picker" data-testid="range-picker">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-preset`}>
          Months
        </label>
        <Select id={`${id}-preset`} value={preset} onChange={(e) => choose(e.target.value as Preset)} data-testid="range-preset">
          <option value="default">Last 12 complete months</option>
          <option value="all">Every month with data</option>
          <option value="custom">Choose months…</option>
        </Select>
      </div>
      {preset === 'custom' && range && (
        <div className="range-picker__custom">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-from`}>
              From
            </label>
            <input
              id={`${id}-from`}
              className="input"
              type="month"
              value={range.from}
              min={first}
              max={last}
              onChange={(e) => setBound('from', e.target.value)}
              data-testid="range-from"
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-to`}>
              To
            </label>
            <input
              id={`${id}-to`}
              className="input"
              type="month"
              value={range.to}
              min={first}
              max={last}
              onChange={(e) => setBound('to', e.target.value)}
              data-testid="range-to"
            />
          </div>
        </div>
      )}
      <p className="range-picker__summary" aria-live="polite">
        {range ? format.monthRange(`${range.from}-01`, `${range.to}-01`) : 'No months with data yet'}
      </p>
    </div>
  );
}
