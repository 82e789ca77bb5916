import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Every node and credential listed in package.json becomes one CommonJS file at the path n8n's loader
// requires (dist/nodes/X/X.node.js exports class X). The shared core and zod are bundled into chunks,
// so the published package has no runtime dependencies; n8n-workflow stays external (n8n provides it).
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  n8n: { nodes: string[]; credentials: string[] };
};
const entry = Object.fromEntries(
  [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((out) => {
    const name = out.replace(/^dist\//, '').replace(/\.js$/, '');
    return [name, `${name}.ts`];
  }),
);

export default defineConfig({
  entry,
  outDir: 'dist',
  format: ['cjs'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  bundle: true,
  external: ['n8n-workflow'],
  noExternal: ['zod'],
  clean: true,
  sourcemap: false,
  minify: false,
  dts: false,
  shims: false,
  // Error classes are told apart by name in output items (`type: 'CRMRateLimitError'`); without this the CJS
  // transform of classes with field initialisers names them _class2.
  keepNames: true,
});
