// `npm run build -w @groundwork/content [-- content-dir]`: checks the content and writes build/layout.json.
import { fileURLToPath } from 'node:url';
import { formatIssue } from './check-dir';
import { buildContent, LAYOUT_FILE } from './layout-file';

const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));

const dir = process.argv[2] ?? DEFAULT_CONTENT_DIR;
const result = await buildContent(dir);
if (result.issues.length > 0) {
  for (const issue of result.issues) console.error(formatIssue(issue));
  console.error(`${result.issues.length} content issue(s): ${LAYOUT_FILE} not written`);
  process.exitCode = 1;
} else if (result.layout !== null) {
  const { width, height, nodes } = result.layout;
  const state = result.isWritten ? 'wrote' : 'unchanged:';
  console.log(`${state} ${LAYOUT_FILE} (${nodes.length} topics, ${width}×${height} px)`);
}
