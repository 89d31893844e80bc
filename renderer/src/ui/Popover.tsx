/**
 * A button that opens a small non-modal panel below it (disclosure pattern): focus moves into the
 * panel on open, Esc or a click outside closes it and returns focus to the button, and tabbing
 * out of the panel closes it too. The page behind stays usable.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type PopoverProps = {
  /** The button's content. */
  trigger: ReactNode;
  /** Accessible name of the panel (and of the button when its content is an icon). */
  label: string;
  children: ReactNode;
  align?: 'start' | 'end';
  triggerClassName?: string;
  testId?: string;
};

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Popover({ trigger, label, children, align = 'end', triggerClassName = 'button button--sm', testId }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <span
      ref={rootRef}
      className="popover"
      onBlur={(event) => {
        if (open && event.relatedTarget && !rootRef.current?.contains(event.relatedTarget as Node)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={triggerClassName}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid={testId ? `${testId}-button` : undefined}
      >
        {trigger}
      </button>
      <div
        ref={panelRef}
        id={panelId}
        role="group"
        aria-label={label}
        className={`popover__panel popover__panel--${align}`}
        hidden={!open}
        data-testid={testId}
      >
        {children}
      </div>
    </span>
  );
}
