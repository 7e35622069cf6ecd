#!/usr/bin/env node
'use strict';
// Launcher. `npm run build` compiles the CLI to dist/ and bundles it into dist/deploy-plan.cjs,
// which is loaded with a V8 code cache (dist/compile-cache.js) so a run does not compile again
// what the previous run compiled. Without the bundle, the compiled modules are loaded directly.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'deploy-plan.cjs');
let cli;
let cached;
try {
  if (fs.existsSync(bundle)) {
    const { compileCacheDir, requireWithCompileCache } = require('../dist/compile-cache.js');
    cached = requireWithCompileCache(bundle, compileCacheDir(process.env, process.cwd()));
    cli = cached.exports;
  } else {
    cli = require('../dist/cli.js');
  }
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && /dist[\\/](cli|compile-cache)\.js/.test(String(error.message))) {
    process.stderr.write('deploy-plan: the CLI is not built yet. Run `npm run build` at the workspace root.\n');
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cached) cached.save(cli.policyPackLoaded() ? 'full' : 'base');
});
