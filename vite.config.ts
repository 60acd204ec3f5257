// Builds the renderer's two pages into dist/renderer/: the UI (index.html) and the browser
// desk's storage host (storage-host.html, framed by the UI; no React, no RxDB dev-mode).
// Relative base: the same files are served by the browser desk's loopback server and
// loaded by Electron from its own protocol.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist/renderer',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        index: page('./index.html'),
        'storage-host': page('./storage-host.html'),
      },
    },
  },
});
