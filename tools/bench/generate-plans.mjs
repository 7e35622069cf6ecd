#!/usr/bin/env node
// Writes N realistic plans (about 150 lines each) under DIR/apps/<name>/deploy-plan.yaml.
// Usage: node tools/bench/generate-plans.mjs N DIR
import fs from 'node:fs';
import path from 'node:path';
import { planFor } from './plan-template.mjs';

export function generatePlans(count, dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'nx.json'), '{}\n');
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, 'apps', `svc-${String(i).padStart(5, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'deploy-plan.yaml'), planFor(i));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const [count, dir] = process.argv.slice(2);
  if (!count || !dir) {
    console.error('usage: generate-plans.mjs N DIR');
    process.exit(2);
  }
  generatePlans(Number(count), path.resolve(dir));
}
