#!/usr/bin/env node
// The inspection floor: TypeScript's own createSourceFile plus a forEachChild walk over every
// source file of the given project folders, nothing else.
// Usage: node tools/bench/ts-floor.mjs DIR [DIR...]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
let nodes = 0;
let files = 0;
const visit = (node) => {
  nodes++;
  ts.forEachChild(node, visit);
};
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== 'node_modules') walk(path.join(dir, e.name));
    else if (/\.tsx?$/.test(e.name)) {
      const file = path.join(dir, e.name);
      visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true));
      files++;
    }
  }
};
for (const dir of process.argv.slice(2)) walk(path.resolve(dir));
process.stdout.write(`${files} files, ${nodes} nodes\n`);
