import { CLIENT_IP_HEADER } from '@/lib/security/client-source';
import type { TReportInput } from '@/lib/reports/schema';

let counter = 0;

/** A valid report body; override any part. */
export function reportBody(overrides: Partial<TReportInput> = {}): TReportInput {
  counter += 1;
  return {
    account: { handle: `suspect_${counter}` },
    category: 'grooming',
    description: 'Asked my child to meet alone and keep it secret.',
    ...overrides,
  };
}

/** A distinct client address per call unless one is given (as scripts/serve.ts would set it). */
let ipCounter = 0;
export function nextIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export function intakeRequest(
  body: unknown,
  options: { ip?: string; headers?: Record<string, string>; rawBody?: BodyInit } = {},
): Request {
  return new Request('http://localhost/api/v1/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_IP_HEADER]: options.ip ?? nextIp(), ...options.headers },
    body: options.rawBody ?? JSON.stringify(body),
  });
}
