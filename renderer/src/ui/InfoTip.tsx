/**
 * A small "i" button that shows its text on hover or keyboard focus. The text is always in the
 * DOM and linked with aria-describedby, so screen readers read it with the button.
 */
import { useId, useState, type ReactNode } from 'react';
import { InfoIcon } from './icons';

export function InfoTip({ label, children, align = 'start' }: { label: string; children: ReactNode; align?: 'start' | 'end' }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span
      className="infotip"
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
    >
      <button
        type="button"
        className="infotip__button"
        aria-label={label}
        aria-describedby={id}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <InfoIcon size={14} />
      </button>
      <span id={id} role="tooltip" className={`infotip__bubble infotip__bubble--${align}`} data-open={open}>
        {children}
      </span>
    </span>
  );
}
