#!/usr/bin/env node
'use strict';
// Launcher. `npm run build` compiles the CLI to dist/ and bundles it into dist/deploy-plan.cjs,
// which is loaded with a V8 code cache (@deploy-plan/core's runtime/compile-cache.js) so a run does not compile again
// what the previous run compiled. Without a bundle, or with one older than the compiled modules,
// the compiled modules are loaded directly.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'deploy-plan.cjs');

/** Whether the bundle exists and no file it was made from is newer (tsc ran without bundling). */
function freshBundle() {
  try {
    const made = fs.statSync(bundle).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(path.join(dist, 'deploy-plan.inputs.json'), 'utf8'));
    return inputs.every((input) => fs.statSync(path.join(dist, input)).mtimeMs <= made);
  } catch {
    return false;
  }
}

let cli;
let cached;
try {
  // Before the CLI's functions exist: V8 gives each its interrupt budget when it is created.
  require('../dist/v8-tuning.js').tuneForCheck(process.argv.slice(2));
  if (freshBundle()) {
    const { compileCacheDir, requireWithCompileCache, useCompileCacheDir } = require('@deploy-plan/core/dist/runtime/compile-cache.js');
    // Chosen once here: the bundle's own copy of that module, and code inspection, use the same folder.
    cached = requireWithCompileCache(bundle, useCompileCacheDir(compileCacheDir(process.env, process.cwd())));
    cli = cached.exports;
  } else {
    cli = require('../dist/cli.js');
  }
} catch (error) {
  // What `npm run build` makes is missing: this package's dist/, or @deploy-plan/core's.
  const unbuilt = /Cannot find module '(\.\.\/dist\/(cli|v8-tuning)\.js|@deploy-plan\/core\/dist\/runtime\/(compile-cache|v8-flags)(\.js)?)'/;
  if (error && error.code === 'MODULE_NOT_FOUND' && unbuilt.test(String(error.message))) {
    process.stderr.write('deploy-plan: the CLI is not built yet. Run `npm run build` at the workspace root.\n');
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cached) cached.save(cli.policyPackLoaded() ? 'full' : 'base');
});
