/** API key scopes; a plain module so the audit schema and the admin form can share the list. */
export const API_KEY_SCOPES = ['reports:write', 'decisions:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  'reports:write': 'Send reports (POST /api/v1/reports)',
  'decisions:read': 'Read decisions (GET /api/v1/decisions)',
};
