#!/usr/bin/env node
// Writes N realistic projects under DIR/apps/<name>/: a plan (about 165 lines), package.json and a
// Kubernetes manifest, so that the plans pass the full policy pack.
// Usage: node tools/bench/generate-plans.mjs N DIR
import fs from 'node:fs';
import path from 'node:path';
import { planFor, projectFilesFor } from './plan-template.mjs';

export function generatePlans(count, dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'nx.json'), '{}\n');
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, 'apps', `svc-${String(i).padStart(5, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'deploy-plan.yaml'), planFor(i));
    for (const [rel, content] of Object.entries(projectFilesFor(i))) {
      fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
      fs.writeFileSync(path.join(folder, rel), content);
    }
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
