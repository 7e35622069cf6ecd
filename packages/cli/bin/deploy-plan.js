#!/usr/bin/env node
'use strict';
// Node 22.1+ keeps the compiled code of this run for the next one; older Node ignores it.
require('node:module').enableCompileCache?.();

let cli;
try {
  cli = require('../dist/cli.js');
} catch (error) {
  // This package's dist/, or a @deploy-plan package, is missing: not built, or not installed.
  const missing =
    error && error.code === 'MODULE_NOT_FOUND' && /\.\.\/dist\/cli\.js|@deploy-plan[\\/][a-z-]+/.exec(error.message);
  if (missing) {
    const fix = 'in the deploy-plan repository, run `npm run build`; elsewhere, reinstall @deploy-plan/cli.';
    process.stderr.write(`deploy-plan: cannot load ${missing[0]}: ${fix}\n`);
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
