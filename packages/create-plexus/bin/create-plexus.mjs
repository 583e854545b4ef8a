#!/usr/bin/env node
// `npm create plexus@latest my-flow` runs this.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
