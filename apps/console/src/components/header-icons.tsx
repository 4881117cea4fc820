import type { ReactNode } from 'react';

/**
 * The header's icons, drawn inline rather than from an icon library (which would add to the first
 * page's JavaScript). Decorative: the button around each names it.
 */
function InlineIcon({ size, outline, children }: { size: number; outline?: boolean; children: ReactNode }) {
  const paint = outline ? { fill: 'none', stroke: 'currentColor', strokeWidth: 2 } : { fill: 'currentColor' };
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" {...paint}>
      {children}
    </svg>
  );
}

export function BellShape() {
  return (
    <InlineIcon size={18}>
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </InlineIcon>
  );
}

/** The language on a phone's header: a globe. */
export function LanguageShape() {
  return (
    <InlineIcon size={16} outline>
      <circle cx="12" cy="12" r="9" />
      <ellipse cx="12" cy="12" rx="4" ry="9" />
      <path d="M3 12h18" />
    </InlineIcon>
  );
}

/** Signing out on a phone's header: a door with an arrow leaving it. */
export function SignOutShape() {
  return (
    <InlineIcon size={16}>
      <path d="M10 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h5v-2H5V5h5V3Zm6.6 4.4-1.4 1.4 2.2 2.2H9v2h8.4l-2.2 2.2 1.4 1.4L21.2 12l-4.6-4.6Z" />
    </InlineIcon>
  );
}
