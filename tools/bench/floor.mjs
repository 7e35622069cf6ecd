#!/usr/bin/env node
// The parse-only floor: find the plans, read each and parse it with js-yaml, nothing else.
// deploy-plan check is compared with this on the same files in the same run.
// Usage: node tools/bench/floor.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(path.join(dir, entry.name));
    else if (entry.name === 'deploy-plan.yaml') files.push(path.join(dir, entry.name));
  }
};
walk(path.resolve(process.argv[2] ?? '.'));
let keys = 0;
for (const file of files) keys += Object.keys(yaml.load(fs.readFileSync(file, 'utf8'))).length;
process.stdout.write(`${files.length} plans, ${keys} top-level keys\n`);
