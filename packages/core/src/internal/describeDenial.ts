/**
 * The sentence for an access Node's permission model refused (a process backend's sandbox):
 * always naming the access. Node names most as a permission and a resource (`FileSystemRead`,
 * `/etc/passwd`); a few calls it refuses outright, with only a message (`fs.symlink API
 * requires full fs.read and fs.write permissions.`), and those are named by the call.
 */

const FIX = "Allow it in the placement's options.permissions if it should have it.";

/** What follows the component's name: `was denied FileSystemRead access to /x by …`. */
export function describeDenial(denied: {
  permission?: unknown;
  resource?: unknown;
  message?: unknown;
}): string {
  const { permission, resource } = denied;
  const message = typeof denied.message === 'string' ? denied.message : '';
  if (typeof permission === 'string' && permission !== '') {
    const to = typeof resource === 'string' && resource !== '' ? ` to ${resource}` : '';
    return `was denied ${permission} access${to} by its permission sandbox. ${FIX}`;
  }
  const call = /^(\S+) API requires full fs\.read and fs\.write permissions/.exec(message)?.[1];
  if (call !== undefined) {
    return `was denied the call ${call}() by its permission sandbox: Node's permission model allows ${call} only with FileSystemRead and FileSystemWrite access to every path, which an allow-list never gives. Do it outside the sandbox (before the run, or in a component placed without permissions).`;
  }
  const said = message === '' ? '' : ` (Node says: ${message.replace(/\.$/, '')})`;
  return `was denied an access that Node's permission model does not name${said} by its permission sandbox. ${FIX}`;
}
