/**
 * A small whole-number input for a rule's N (cumulative 30 min, day 15, 30-day windows). What is
 * typed is committed once it is valid — after a short pause, on Enter or when focus leaves — so
 * the dashboard does not recount on every keystroke; an invalid value is marked, explained in
 * the input's title, and put back to the last valid one when focus leaves.
 */
import { useEffect, useRef, useState } from 'react';

type NumberFieldProps = {
  id?: string;
  value: number;
  min: number;
  max: number;
  onCommit: (value: number) => void;
  /** Accessible name ("Minutes", "Day of the month"). */
  label: string;
  testId?: string;
  describedBy?: string;
  width?: number;
};

const COMMIT_DELAY_MS = 500;

export function NumberField({ id, value, min, max, onCommit, label, testId, describedBy, width = 64 }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const parsed = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  const valid = Number.isInteger(parsed) && parsed >= min && parsed <= max;

  // Follow the value when it changes elsewhere (a reset, another control).
  useEffect(() => {
    setText(String(value));
  }, [value]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    const n = /^\d+$/.test(next.trim()) ? Number(next.trim()) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max && n !== value) onCommit(n);
  };

  return (
    <input
      id={id}
      className="input input--number"
      style={{ width }}
      type="text"
      inputMode="numeric"
      aria-label={label}
      aria-invalid={!valid || undefined}
      aria-describedby={describedBy}
      title={valid ? undefined : `Enter a whole number from ${min} to ${max}.`}
      value={text}
      data-testid={testId}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), COMMIT_DELAY_MS);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(text);
        if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
          event.preventDefault();
          const base = valid ? parsed : value;
          const next = Math.min(max, Math.max(min, base + (event.key === 'ArrowUp' ? 1 : -1)));
          setText(String(next));
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(String(next)), COMMIT_DELAY_MS);
        }
      }}
      onBlur={() => {
        if (valid) commit(text);
        else setText(String(value));
      }}
    />
  );
}
