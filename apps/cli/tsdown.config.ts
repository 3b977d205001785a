import { isAbsolute } from 'node:path';
import { defineConfig } from 'tsdown';

// Workspace packages ship TypeScript source, so they are bundled; npm packages stay external and load
// from node_modules (PGlite's WebAssembly and pino's worker transports need their own files).
const isNpmPackage = (id: string) => !id.startsWith('@groundwork/') && !id.startsWith('.') && !isAbsolute(id);

export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: true,
  external: isNpmPackage,
  noExternal: (id) => id.startsWith('@groundwork/'),
});
