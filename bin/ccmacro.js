#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../dist/cli.js');
} catch (e) {
  // Only in a checkout that was never built: the npm package ships dist/cli.js.
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli.js')) {
    process.stderr.write('ccmacro: the CLI is not built yet in this checkout: run "npm run build" first.\n');
    process.exit(2);
  }
  throw e;
}
cli.main();
