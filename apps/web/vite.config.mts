import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The web app may import shared libraries only (enforced by lint); the alias lists them.
  resolve: { alias: { '@hub/contracts': resolve(root, 'libs/contracts/src/index.ts') } },
  build: {
    outDir: resolve(root, 'dist/apps/web'),
    emptyOutDir: true,
    // Two pages: the dashboard, and the small chat panel the CRM embeds (/embed/chat).
    rolldownOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), embed: resolve(import.meta.dirname, 'embed.html') } },
  },
  server: {
    port: 4200,
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
