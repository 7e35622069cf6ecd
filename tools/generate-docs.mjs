#!/usr/bin/env node
// Writes docs/policies/*.md, docs/policies/README.md and docs/checklist.md from policy meta.
// Usage: node tools/generate-docs.mjs [--check]   (needs `npm run build` first)
// A jest test compares the same rendering with the files on disk, so stale docs fail CI.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { builtinPolicies, renderDocs } = require('@deploy-plan/policies');

const check = process.argv.includes('--check');
const stale = [];
for (const [rel, content] of renderDocs(builtinPolicies)) {
  const file = path.join(root, rel);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === content) continue;
  stale.push(rel);
  if (!check) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, content);
    fs.renameSync(`${file}.tmp`, file);
  }
}
if (check && stale.length) {
  console.error(`Stale docs: ${stale.join(', ')}\nRun \`npm run generate\`.`);
  process.exitCode = 1;
} else if (!check) console.log(stale.length ? `Wrote ${stale.length} docs files.` : 'Docs are up to date.');
