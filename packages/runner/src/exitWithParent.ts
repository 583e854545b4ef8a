/**
 * When `bin/plexus.mjs` runs the runner from source, the runner is a second Node process, and
 * killing the command with SIGKILL — which no handler sees — would leave it running, with its
 * worker threads and child processes. The command starts it with an IPC channel; when that
 * channel closes (the command is gone, however it died), the runner exits at once, which
 * ends its worker threads, and its own child processes see their channels close in turn.
 * The channel does not keep the runner alive otherwise.
 */
export function exitWithParent(): void {
  if (process.channel === undefined || process.env.PLEXUS_EXIT_WITH_PARENT !== '1') return;
  process.on('disconnect', () => process.exit(137));
  process.channel.unref();
}
