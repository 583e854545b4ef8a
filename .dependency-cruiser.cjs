/**
 * Import-cycle check (`pnpm lint`): no file may reach itself through imports, type-only
 * imports included, in core, the runner's file loading, and the scenarios.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in a loop: move the shared contract to a file both import.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['node_modules', '/dist/', '/test/'] },
    enhancedResolveOptions: { conditionNames: ['@plexus/source', 'import', 'types', 'default'] },
  },
};
