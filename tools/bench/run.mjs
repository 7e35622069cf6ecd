#!/usr/bin/env node
// Benchmarks. Usage: node tools/bench/run.mjs [schema] [pack] [--plans N] [--runs N]
//   schema: `deploy-plan check --schema-only` on N generated projects vs the parse-only floor.
//   pack:   `deploy-plan check` with every policy, same projects, same floor.
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

/** `deploy-plan check` on N generated projects against the parse-only floor, in one run. */
function checkSuite(title, extraArgs, target) {
  const plans = option('plans', 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-bench-'));
  try {
    generatePlans(plans, dir);
    const result = compare(
      { name: `check ${extraArgs.join(' ')} (${plans} plans)`.replace('  ', ' '), argv: [process.execPath, cli, 'check', ...extraArgs, dir], expectStatus: 0 },
      { name: 'floor: read + js-yaml load', argv: [process.execPath, path.join(root, 'tools/bench/floor.mjs'), dir], expectStatus: 0 },
      { runs },
    );
    printComparison(title, result, target);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const all = {
  // Issue target: the schema stage within 1.5x of the floor.
  schema: () => checkSuite('schema stage vs parse-only floor', ['--schema-only'], 1.5),
  // Issue target: the full pack (43 policies, project-file facts) within 2x of the floor.
  pack: () => checkSuite('full policy pack vs parse-only floor', ['--fail-on', 'minor'], 2),
};
for (const name of suites.length ? suites : Object.keys(all)) {
  if (!all[name]) {
    console.error(`Unknown suite ${name}; choose from ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  all[name]();
}
