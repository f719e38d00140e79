import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs compiled (dist/bench) or from source (tests). */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root (no package.json above)');
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot();
/** The built CLI the server child runs; `npm run bench` builds first. */
export const cliPath = path.join(repoRoot, 'dist', 'bin', 'resilient-mcp.js');
export const resultsPath = path.join(repoRoot, 'bench', 'results', 'latest.json');
