import { config } from 'zod';

/**
 * Import first in a browser bundle: zod then never builds parsers with `new Function`, so the web
 * app runs under a Content-Security-Policy without 'unsafe-eval' and reports no violation (zod
 * otherwise probes eval when its first object schema is made; decision 012).
 */
config({ jitless: true });
