import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes sw.js with the list of every built file, so the service worker can keep the whole app
 * (lazy screens included) for offline use. The version changes with the file names.
 */
function serviceWorker(): Plugin {
  return {
    name: 'lamina-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).map((name) => `/${name}`);
      const template = readFileSync(new URL('./src/sw.js', import.meta.url), 'utf8');
      const version = files.filter((f) => f.startsWith('/assets/')).join('|');
      let hash = 0;
      for (const char of version) hash = (hash * 31 + char.charCodeAt(0)) | 0;
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace('__VERSION__', (hash >>> 0).toString(36))
          .replace('__FILES__', JSON.stringify(['/', '/manifest.webmanifest', ...files])),
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker()],
  build: { target: 'es2022', chunkSizeWarningLimit: 400 },
  server: {
    // `npm run dev -w @lamina/web` with `lamina serve --demo --port 8080` running beside it.
    proxy: { '/api': process.env.LAMINA_API ?? 'http://127.0.0.1:8080' },
  },
});
