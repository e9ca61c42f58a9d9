import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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
    // After Vite's own generateBundle hooks: they drop the empty JavaScript chunks of CSS-only
    // modules, and a listed file that was never written would make the worker's install fail.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
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
    },
  };
}

/**
 * Writes a .br and a .gz beside every text file of the build, so `lamina serve` sends compressed
 * files without compressing per request (packages/server/src/http/web-app.ts). Small files stay
 * as they are: below 1 KB the headers cost more than compression saves.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'lamina-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(?:js|css|html|svg|json|webmanifest)$/.test(name)) continue;
        const path = join(outDir, name);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  build: { target: 'es2022', chunkSizeWarningLimit: 400 },
  server: {
    // `npm run dev -w @lamina/web` with `lamina serve --demo --port 8080` running beside it.
    proxy: { '/api': process.env.LAMINA_API ?? 'http://127.0.0.1:8080' },
  },
});
