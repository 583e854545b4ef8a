// A reader in a child process that may read only examples/sandbox/files/public: it reads the
// greeting there, then is pointed at the secret and refused. Run from the repository root:
//   node --conditions=@plexus/source --import ./scripts/register-ts.mjs examples/sandbox/main.ts
import { isPlexusError } from '@plexus/core';
import { PUBLIC, sandboxed } from './sandbox.ts';

console.log(`The reader runs in a child process that may read only ${PUBLIC}/.`);
for (const path of [`${PUBLIC}/greeting.txt`, 'examples/sandbox/files/secret/password.txt']) {
  console.log(`Reading ${path}:`);
  try {
    await sandboxed(path).run();
  } catch (error) {
    if (!isPlexusError(error, 'ERR_COMPONENT_FAILED')) throw error;
    console.log(`Refused: ${error.message}`);
  }
}
