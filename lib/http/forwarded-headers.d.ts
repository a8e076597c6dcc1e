/** Types for forwarded-headers.js (plain JavaScript so scripts/serve.mjs can load it). */
import type { IncomingMessage, ServerResponse } from 'node:http';
export declare function applyForwardedHeaders(req: IncomingMessage, res: ServerResponse, trustProxy: boolean): void;
