/** Types for security-headers.js (plain JavaScript so next.config.js can load it). */
export declare const securityHeaders: { key: string; value: string }[];
