// `node --require @plexus/host/register file.ts`: the same as `--import @plexus/host/register`,
// for tools that take only --require.
const { register } = require('node:module');
const { pathToFileURL } = require('node:url');

register('./hooks.mjs', pathToFileURL(__filename));
