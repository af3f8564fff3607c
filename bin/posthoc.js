#!/usr/bin/env node
// The `posthoc` command: the bundled CLI in dist/ (built by `npm install` through `prepare`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('posthoc: dist/cli.js is missing; run `npm run build` in the Posthoc folder first.\n');
  process.exit(1);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
