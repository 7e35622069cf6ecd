// Preloaded into benchmarked Node processes (NODE_OPTIONS=--require): reports the process's
// peak resident memory on fd 3 at exit, so the harness needs no external tool.
'use strict';
const fs = require('node:fs');
process.on('exit', () => {
  try {
    fs.writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // fd 3 not open: not run by the harness
  }
});
