// Builds the renderer (React UI) into dist/renderer. The Node-side entries (Electron main,
// preload, engine worker, CLI, preview server) are bundled by scripts/build-node.mjs.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * `npm run dev` only: Vite's dev server injects inline <style> tags and an inline React-refresh
 * script, and talks to its own websocket. The shipped policy forbids all three, so in dev the
 * page's CSP meta tag is widened for exactly those; `vite build` output keeps the strict policy.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'seatcast-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/, (_match, policy: string) => {
        const widened = policy
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:*");
        return `<meta http-equiv="Content-Security-Policy" content="${widened}"`;
      });
    },
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the same build is served from app://bundle/ and from the preview bridge.
  base: './',
  plugins: [react(), devContentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
