/**
 * A list of short values as removable chips plus a text input: Enter or a comma adds what was
 * typed, Backspace in the empty input removes the last chip, and values seen in the data can be
 * added with one click from the suggestions underneath.
 */
import { useId, useState } from 'react';
import { CloseIcon, PlusIcon } from './icons';

type ChipsInputProps = {
  id: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** Values known from the data (offered when not already chosen). */
  suggestions?: readonly string[];
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  testId?: string;
  /** What a chip is, for the remove buttons' names ("role", "team"). */
  noun: string;
};

const MAX_SUGGESTIONS = 8;

export function ChipsInput({ id, values, onChange, suggestions = [], placeholder, describedBy, invalid, testId, noun }: ChipsInputProps) {
  const [text, setText] = useState('');
  const listId = useId();
  const has = (value: string) => values.some((existing) => existing.toLowerCase() === value.toLowerCase());
  const add = (raw: string) => {
    const value = raw.trim();
    if (!value || has(value)) return;
    onChange([...values, value]);
  };
  const offered = suggestions.filter((suggestion) => !has(suggestion)).slice(0, MAX_SUGGESTIONS);

  return (
    <div className="chips-field" data-testid={testId}>
      <div className={`chips${invalid ? ' chips--invalid' : ''}`} onClick={() => document.getElementById(id)?.focus()}>
        {values.map((value) => (
          <span key={value} className="chip" data-testid="chip">
            <span className="chip__text">{value}</span>
            <button
              type="button"
              className="chip__remove"
              aria-label={`Remove ${noun} ${value}`}
              onClick={(event) => {
                event.stopPropagation();
                onChange(values.filter((existing) => existing !== value));
              }}
            >
              <CloseIcon size={12} />
            </button>
          </span>
        ))}
        <input
          id={id}
          className="chips__input"
          value={text}
          list={suggestions.length ? listId : undefined}
          placeholder={values.length ? '' : placeholder}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            const next = event.target.value;
            if (next.includes(',')) {
              next.split(',').slice(0, -1).forEach(add);
              setText(next.split(',').at(-1) ?? '');
            } else setText(next);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && text.trim()) {
              event.preventDefault();
              add(text);
              setText('');
            } else if (event.key === 'Backspace' && !text && values.length) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (text.trim()) {
              add(text);
              setText('');
            }
          }}
        />
        {suggestions.length > 0 && (
          <datalist id={listId}>
            {offered.map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
          </datalist>
        )}
      </div>
      {offered.length > 0 && (
        <p className="chips__suggestions">
          <span className="chips__suggestions-label">In your data:</span>
          {offered.map((suggestion) => (
            <button key={suggestion} type="button" className="suggestion" onClick={() => add(suggestion)} aria-label={`Add ${noun} ${suggestion}`}>
              <PlusIcon size={11} />
              {suggestion}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
