// Builds the renderer (React UI) into dist/renderer. The Node-side entries (Electron main,
// preload, engine worker, CLI, preview server) are bundled by scripts/build-node.mjs.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the same build is served from app://bundle/ and from the preview bridge.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
