#!/usr/bin/env node
// Benchmarks. Usage: node tools/bench/run.mjs [check] [--plans N] [--runs N]
//   check: `deploy-plan check` on N generated plans vs the parse-only floor (floor.mjs).
// Figures are whole-process wall times; quote medians and the paired ratio, not single runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePlans } from './generate-plans.mjs';
import { compare, printComparison } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const suites = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const runs = option('runs', 7);
const cli = path.join(root, 'packages/cli/bin/deploy-plan.js');

if (!fs.existsSync(path.join(root, 'packages/cli/dist/cli.js'))) {
  console.error('Build first: npm run build');
  process.exit(2);
}

function checkSuite() {
  const plans = option('plans', 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-'));
  try {
    generatePlans(plans, dir);
    const result = compare(
      { name: `deploy-plan check (${plans} plans)`, argv: [process.execPath, cli, 'check', dir], expectStatus: 0 },
      { name: 'floor: read + js-yaml load', argv: [process.execPath, path.join(root, 'tools/bench/floor.mjs'), dir], expectStatus: 0 },
      { runs },
    );
    printComparison('check vs parse-only floor', result, 1.5);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const all = { check: checkSuite };
for (const name of suites.length ? suites : Object.keys(all)) {
  if (!all[name]) {
    console.error(`Unknown suite ${name}; choose from ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  all[name]();
}
