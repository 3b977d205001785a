/// <reference types="vitest/config" />
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Content from '@groundwork/content';
import type { Roadmap } from '@groundwork/contracts';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, runnerImport } from 'vite';
import type { RoadmapOutline } from './src/roadmap/roadmap.types';

const API_TARGET = 'http://127.0.0.1:3000';
const contentDir = fileURLToPath(new URL('../../content', import.meta.url));

const ROADMAP_MODULE_ID = 'virtual:groundwork/roadmap';
const RESOLVED_ID = `\0${ROADMAP_MODULE_ID}`;

/** Keeps what the graph draws and drops the rendered explanations, which would weigh down the bundle. */
function toRoadmapOutline(roadmap: Roadmap): RoadmapOutline {
  const topics: RoadmapOutline['topics'] = {};
  for (const [id, topic] of Object.entries(roadmap.topics)) {
    const { title, kind, choice, stageId, hours, summary, prerequisites } = topic;
    topics[id] = { id, title, kind, stageId, hours, summary, prerequisites, ...(choice ? { choice } : {}) };
  }
  const { id, title, summary, contentHash, stages, choices, layout } = roadmap;
  return { id, title, summary, contentHash, stages, choices, layout, topics };
}

/**
 * Serves `virtual:groundwork/roadmap`: the checked roadmap from `content/` with its build-time layout,
 * until the web app reads it from `GET /api/roadmap`. A content problem fails the build with its file.
 */
function roadmapOutlinePlugin(dir: string): Plugin {
  return {
    name: 'groundwork:roadmap-outline',
    resolveId(id) {
      return id === ROADMAP_MODULE_ID ? RESOLVED_ID : undefined;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const file of await listContentFiles(dir)) this.addWatchFile(file);
      const { formatIssue, loadRoadmap } = await importContentPackage();
      const { roadmap, issues } = await loadRoadmap(dir);
      if (roadmap === null) {
        this.error(
          `The roadmap content has problems:\n${issues.map((issue) => formatIssue(issue)).join('\n')}`,
        );
      }
      return `export default ${JSON.stringify(toRoadmapOutline(roadmap))};`;
    },
  };
}

/**
 * @groundwork/content ships TypeScript source, which Node cannot import on its own; Vite's module runner
 * transpiles it, so the config loads with Vite's default loader.
 */
async function importContentPackage(): Promise<typeof Content> {
  const entry = fileURLToPath(import.meta.resolve('@groundwork/content'));
  const { module } = await runnerImport<typeof Content>(entry, { configFile: false, logLevel: 'warn' });
  return module;
}

async function listContentFiles(dir: string): Promise<string[]> {
  const topics = await readdir(join(dir, 'topics'));
  return [
    join(dir, 'roadmap.yaml'),
    join(dir, 'build', 'layout.json'),
    ...topics.map((name) => join(dir, 'topics', name)),
  ];
}

export default defineConfig({
  plugins: [react(), tailwindcss(), roadmapOutlinePlugin(contentDir)],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: API_TARGET, ws: true },
      '/healthz': API_TARGET,
      '/readyz': API_TARGET,
      '/docs': API_TARGET,
      '/openapi.json': API_TARGET,
      '/problems': API_TARGET,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
