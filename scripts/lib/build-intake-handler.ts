// Bundles the fast path (lib/http/node-fast-path.ts: intake and health) into plain JavaScript beside the
// Next.js build, so scripts/serve.mjs can load it without a TypeScript loader on the request path.
// npm packages stay external (loaded from node_modules at run time, as Next's own server does); our
// TypeScript, including the generated Prisma client, is bundled.
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** npm packages stay external, except JSON data files (Node 20 would need an import attribute). */
const externalPackagesButJson: Plugin = {
  name: 'external-packages-but-json',
  setup(pluginBuild) {
    // Bare specifiers are packages, except our own `@/` alias (tsconfig paths), which is bundled, and
    // 'server-only', bundled as its empty react-server build.
    const bundled = (p: string) => p.startsWith('@/') || p.endsWith('.json') || p === 'server-only';
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => (bundled(args.path) ? undefined : { path: args.path, external: true }));
  },
};

export const INTAKE_HANDLER_FILE = 'tc-intake-handler.mjs';

/** Writes <build folder>/tc-intake-handler.mjs; the build folder is NEXT_DIST_DIR or .next, as next.config.js chooses. */
export async function buildIntakeHandler(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const outfile = path.join(root, env.NEXT_DIST_DIR || '.next', INTAKE_HANDLER_FILE);
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'lib/http/node-fast-path.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackagesButJson],
    conditions: ['react-server'], // the server builds of packages, as in Next's server bundle
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: true,
    logLevel: 'warning',
    // ESM output of CommonJS-style code that calls require() for Node built-ins.
    banner: { js: "import { createRequire as __tcCreateRequire } from 'node:module'; const require = __tcCreateRequire(import.meta.url);" },
  });
  return outfile;
}
