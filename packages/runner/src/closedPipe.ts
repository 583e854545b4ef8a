/**
 * `plexus run … | head`: when the reader of standard output goes away, stop quietly with the
 * exit code so far, as Unix tools do, instead of failing with an EPIPE exception.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}
