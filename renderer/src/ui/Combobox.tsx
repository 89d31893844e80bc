/**
 * A filterable select (ARIA 1.2 combobox with a listbox popup). Type to filter, arrows to move,
 * Enter to choose, Esc to back out. With `allowFreeText` whatever was typed is accepted on Enter
 * or when focus leaves; the parent validates it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ChevronDownIcon } from './icons';

export type ComboOption = { value: string; label?: string; hint?: string };

type ComboboxProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly ComboOption[];
  allowFreeText?: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  testId?: string;
  /** Upper bound of rows rendered at once; filtering narrows the rest. */
  maxVisible?: number;
};

const normalise = (text: string) => text.toLowerCase().replace(/[_/]+/g, ' ').trim();

export function Combobox({
  id,
  value,
  onChange,
  options,
  allowFreeText = false,
  placeholder,
  describedBy,
  invalid,
  testId,
  maxVisible = 200,
}: ComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const display = (option: ComboOption) => option.label ?? option.value;
  const current = options.find((option) => option.value === value);
  const shown = query ?? (current ? display(current) : value);

  const filtered = useMemo(() => {
    if (!query) return options.slice(0, maxVisible);
    const q = normalise(query);
    const words = q.split(/\s+/).filter(Boolean);
    return options
      .filter((option) => {
        const haystack = normalise(`${option.value} ${option.label ?? ''} ${option.hint ?? ''}`);
        return words.every((word) => haystack.includes(word));
      })
      .slice(0, maxVisible);
  }, [options, query, maxVisible]);

  useEffect(() => {
    if (!open) return;
    const index = query ? 0 : Math.max(0, filtered.findIndex((option) => option.value === value));
    setActive(index);
    // Only when the popup opens or the filter changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, query]);

  useEffect(() => {
    if (!open) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    element?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  const choose = (option: ComboOption) => {
    onChange(option.value);
    setQuery(null);
    setOpen(false);
  };

  const commitTyped = () => {
    if (query === null) return;
    const typed = query.trim();
    const exact = options.find(
      (option) => option.value.toLowerCase() === typed.toLowerCase() || display(option).toLowerCase() === typed.toLowerCase(),
    );
    if (exact) onChange(exact.value);
    else if (allowFreeText && typed) onChange(typed);
    setQuery(null);
  };

  const activeOption = open ? filtered[active] : undefined;

  return (
    <div className={`combobox${invalid ? ' combobox--invalid' : ''}`} data-testid={testId}>
      <input
        ref={inputRef}
        id={id}
        className="input combobox__input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={shown}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onBlur={() => {
          commitTyped();
          setOpen(false);
        }}
        onKeyDown={(event) => {
          switch (event.key) {
            case 'ArrowDown':
              event.preventDefault();
              if (!open) setOpen(true);
              else setActive((index) => Math.min(filtered.length - 1, index + 1));
              break;
            case 'ArrowUp':
              event.preventDefault();
              if (open) setActive((index) => Math.max(0, index - 1));
              break;
            case 'PageDown':
              if (open) {
                event.preventDefault();
                setActive((index) => Math.min(filtered.length - 1, index + 8));
              }
              break;
            case 'PageUp':
              if (open) {
                event.preventDefault();
                setActive((index) => Math.max(0, index - 8));
              }
              break;
            case 'Enter':
              if (open && activeOption) {
                event.preventDefault();
                choose(activeOption);
              } else if (query !== null) {
                event.preventDefault();
                commitTyped();
                setOpen(false);
              }
              break;
            case 'Escape':
              if (open || query !== null) {
                event.preventDefault();
                event.stopPropagation();
                setQuery(null);
                setOpen(false);
              }
              break;
            default:
          }
        }}
      />
      <button
        type="button"
        className="combobox__toggle"
        tabIndex={-1}
        aria-label="Show options"
        onMouseDown={(event) => {
          event.preventDefault();
          inputRef.current?.focus();
          setOpen((value) => !value);
        }}
      >
        <ChevronDownIcon size={14} />
      </button>
      <ul ref={listRef} id={listId} role="listbox" className="combobox__list" hidden={!open}>
        {filtered.length === 0 && (
          <li className="combobox__empty" role="presentation">
            {allowFreeText ? 'No match in the list — press Enter to use what you typed.' : 'No match.'}
          </li>
        )}
        {open &&
          filtered.map((option, index) => (
            <li
              key={option.value}
              id={`${listId}-${index}`}
              data-index={index}
              role="option"
              aria-selected={option.value === value}
              className={`combobox__option${index === active ? ' is-active' : ''}`}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
              onMouseMove={() => setActive(index)}
            >
              <span>{display(option)}</span>
              {option.hint && <span className="combobox__hint">{option.hint}</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
