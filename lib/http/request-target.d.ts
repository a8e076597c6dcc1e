/** Types for request-target.js (plain JavaScript so scripts/serve.mjs can load it). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export declare function isMalformedTarget(target: string | undefined): boolean;
export declare function refuseMalformedTarget(req: IncomingMessage, res: ServerResponse): void;
