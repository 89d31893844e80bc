/**
 * The Content-Security-Policy for every page Seatcast shows, in the desktop window (app://) and
 * in the preview bridge. Nothing remote may load or be contacted: `connect-src 'self'` allows only
 * the app's own origin (the preview bridge's API lives there; in the desktop app nothing answers).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for a `<meta>` tag: browsers ignore `frame-ancestors` there (and warn), so the
 * meta copy leaves it out; the HTTP header and the app:// response carry the full policy.
 */
export const metaContentSecurityPolicy = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
