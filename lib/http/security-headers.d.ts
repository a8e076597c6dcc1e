/** Types for security-headers.js (plain JavaScript so next.config.js and scripts/serve.mjs can load it). */
export declare function contentSecurityPolicy(options?: { nonce?: string; dev?: boolean }): string;
export declare const STRICT_TRANSPORT_SECURITY: string;
export declare function requestIsHttps(request: { encrypted: boolean; forwardedProto: string | null | undefined; trustProxy: boolean }): boolean;
export declare function trustProxyFromEnv(env?: Record<string, string | undefined>): boolean;
export declare const securityHeaders: { key: string; value: string }[];
export declare function scriptlessResponseHeaders(): Record<string, string>;
