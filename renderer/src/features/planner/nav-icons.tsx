/** Sidebar icons for the Seasons and Planner screens, drawn like renderer/src/ui/icons.tsx. */
type IconProps = { size?: number };

export const SeasonsIcon = ({ size = 16 }: IconProps) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <rect x="3.5" y="5" width="17" height="15" rx="2" />
    <path d="M3.5 10h17M8 3v4M16 3v4" />
    <path d="M7.5 14.5h2M11 14.5h2M14.5 14.5h2M7.5 17.5h2M11 17.5h2" />
  </svg>
);

export const PlannerIcon = ({ size = 16 }: IconProps) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M4 19V5" />
    <path d="M4 19h16" />
    <path d="m7 15 3.5-4 3 2.5L17 8" />
    <path d="M17 8h3v3" strokeDasharray="2 2" />
  </svg>
);
