// The hooks module from CommonJS (Node >= 20.19 loads ES modules from require): the same
// module, so the same cache.
module.exports = require('./hooks.mjs');
