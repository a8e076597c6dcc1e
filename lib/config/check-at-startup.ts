import 'server-only';
import { ConfigError, getConfig } from './index';

/** Stops the server on an invalid configuration (for example a missing secret in production). */
export function checkConfigurationAtStartup(): void {
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
