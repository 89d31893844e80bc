// Injected at build time from package.json (scripts/build-node.mjs and vitest.config.ts).
declare const __SEATCAST_VERSION__: string | undefined;

export const seatcastVersion: string = typeof __SEATCAST_VERSION__ === 'string' ? __SEATCAST_VERSION__ : '0.0.0-dev';
