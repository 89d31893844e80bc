/**
 * Figures Seatcast cannot count from logins — voice minutes, messages, usage credits — entered
 * once per month for the plans whose charges bill them. Empty means each plan's own estimate.
 */
import { useEffect, useId, useState } from 'react';
import { metricRequirements } from '../../../../shared/pricing/engine';
import { usePlans } from '../../store/plans-store';
import type { PlanInPlay } from './use-plan-pricing';

function FigureInput({ name, unit }: { name: string; unit: string }) {
  const value = usePlans((s) => s.consumption[name]);
  const setConsumption = usePlans((s) => s.setConsumption);
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const valid = text.trim() === '' || /^\d+(\.\d+)?$/.test(text.trim());
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : value === undefined ? '' : String(value)));
  }, [value]);
  return (
    <div className={`field consumption-figure${valid ? '' : ' field--invalid'}`}>
      <label className="field__label" htmlFor={id}>
        {name}
      </label>
      <span className="input-with-unit">
        <input
          id={id}
          className="input"
          type="text"
          inputMode="decimal"
          value={text}
          placeholder="plan’s estimate"
          aria-invalid={valid ? undefined : true}
          aria-describedby={valid ? undefined : `${id}-error`}
          data-testid={`consumption-${name}`}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            const trimmed = next.trim();
            if (trimmed === '') setConsumption(name, undefined);
            else if (/^\d+(\.\d+)?$/.test(trimmed)) setConsumption(name, Number(trimmed));
          }}
        />
        <span className="input-with-unit__unit">{unit} / month</span>
      </span>
      {!valid && (
        <p className="field__error" id={`${id}-error`}>
          Enter a number of {unit}, e.g. 250000.
        </p>
      )}
    </div>
  );
}

export function ConsumptionFigures({ plans }: { plans: readonly PlanInPlay[] }) {
  const riders = new Map<string, string>();
  for (const entry of plans) for (const rider of metricRequirements(entry.plan).consumption) if (!riders.has(rider.key)) riders.set(rider.key, rider.unit);
  if (riders.size === 0) return null;
  return (
    <fieldset className="plans-toolbar__consumption">
      <legend className="field__label">Usage figures</legend>
      <p className="field__help">Not counted from logins: enter your monthly figures, or leave empty for each plan’s estimate.</p>
      <div className="chips-row">
        {[...riders].map(([name, unit]) => (
          <FigureInput key={name} name={name} unit={unit} />
        ))}
      </div>
    </fieldset>
  );
}
