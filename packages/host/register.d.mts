// `import '@plexus/host/register'` (or `node --import @plexus/host/register`) registers the
// TypeScript hooks; it exports nothing.
export {};
