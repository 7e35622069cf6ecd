#!/usr/bin/env node
// Runs code inspection on project folders, as the checker does.
// Usage: node tools/bench/inspect-run.mjs [--cache DIR] ROOT PROJECT_DIR [PROJECT_DIR...]
import path from 'node:path';
import module, { createRequire } from 'node:module';

// As the CLI's bin does: Node 22.1+ keeps compiled code (here mostly TypeScript's) between runs.
module.enableCompileCache?.();
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
let cacheDir = false;
if (args[0] === '--cache') {
  cacheDir = path.resolve(args[1]);
  args.splice(0, 2);
}
const [root, ...projects] = args.map((a) => path.resolve(a));
const { inspectCode } = require('@deploy-plan/inspect/code');
let routes = 0;
for (const dir of projects) routes += inspectCode(dir, root, { cacheDir }).routes.length;
process.stdout.write(`${projects.length} projects, ${routes} routes\n`);
