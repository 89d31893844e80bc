import type { SelectHTMLAttributes } from 'react';
import { ChevronDownIcon } from './icons';

/** A native <select> (keyboard and screen-reader behaviour for free) with the app's chevron. */
export function Select({ compact, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { compact?: boolean }) {
  return (
    <span className={`select-wrap${compact ? ' select-wrap--compact' : ''}`}>
      <select className={`select${compact ? ' select--compact' : ''}${className ? ` ${className}` : ''}`} {...props} />
      <ChevronDownIcon size={14} className="select-wrap__chevron" />
    </span>
  );
}
