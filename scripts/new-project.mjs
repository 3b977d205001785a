#!/usr/bin/env node
// npm run new-project -- <slug>: a new project that passes the proof suite (see CONTRIBUTING.md, "Add a project").
import { fileURLToPath } from 'node:url';
import { scaffoldProject } from './new-project/scaffold.mjs';

const projectsDir = fileURLToPath(new URL('../projects/', import.meta.url));
const [slug, ...rest] = process.argv.slice(2);
if (rest.length > 0 || slug === undefined) {
  console.error('Usage: npm run new-project -- <slug>   (e.g. npm run new-project -- notes-api)');
  process.exit(2);
}
try {
  const written = scaffoldProject({ slug, projectsDir });
  console.log(`Created projects/${slug} and registered it:`);
  for (const file of written) console.log(`  projects/${file}`);
  console.log(
    `\nNext: write its spec, contract, stages and faults; then npm test (the proof suite covers it).`,
  );
  console.log(
    `Try it: npx groundwork reference ${slug} --port 8080, then npx groundwork test ${slug} --url http://localhost:8080`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
