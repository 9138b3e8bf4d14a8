#!/usr/bin/env node
// The compiled CLI; `npm install` builds it (the root "prepare" script runs `tsc -b`).
import '../dist/cli.js';
