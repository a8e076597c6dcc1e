/** Types for scripts/serve.mjs (plain JavaScript so that no TypeScript loader sits on the request path). */
export declare const CLIENT_IP_HEADER: string;
