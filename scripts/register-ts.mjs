// `node --import ./scripts/register-ts.mjs file.ts`: run TypeScript from source (the hooks
// live in @plexus/host, which workers and child processes use too).
import '@plexus/host/register';
