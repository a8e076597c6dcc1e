import { parseConfig, type AppConfig } from './schema';

export { ConfigError, parseConfig, type AppConfig } from './schema';

let cached: AppConfig | undefined;

/** The app's configuration, parsed from process.env on first use. Throws a ConfigError when invalid. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetConfigForTests(): void {
  cached = undefined;
}
