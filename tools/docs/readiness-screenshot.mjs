#!/usr/bin/env node
// Writes docs/readiness-page.png: the readiness page (`check --format html=<file>`) of the
// bundled examples, as Debian's Chromium shows it. Usage: node tools/docs/readiness-screenshot.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-page-'));
const page = path.join(dir, 'readiness.html');
const args = ['packages/cli/bin/deploy-plan.js', 'check', 'examples', '--format', `html=${page}`];
const run = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 2);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const tab = await browser.newPage({ viewport: { width: 1220, height: 440 } });
await tab.goto(`file://${page}`);
await tab.screenshot({ path: path.join(root, 'docs/readiness-page.png') });
await browser.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log('Wrote docs/readiness-page.png');
