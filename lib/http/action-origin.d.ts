/** Types for action-origin.js (plain JavaScript so scripts/serve.mjs can load it). */
import type { IncomingHttpHeaders } from 'node:http';
export declare function isForgedActionOrigin(
  req: { method?: string; url?: string; headers: IncomingHttpHeaders },
  options: { trustProxy: boolean },
): boolean;
