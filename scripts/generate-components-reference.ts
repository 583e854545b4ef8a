/**
 * Write docs/reference/components.md from the definitions @plexus/components exports:
 *
 *   node --conditions=@plexus/source --import @plexus/host/register scripts/generate-components-reference.ts
 *
 * packages/components/test/reference/componentsReference.test.ts fails when the committed
 * page differs from what this writes, so the page cannot drift from the code.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as components from '../packages/components/src/index.ts';
import { componentsReference } from '../packages/components/src/reference/componentsReference.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = 'docs/reference/components.md';
writeFileSync(join(root, path), componentsReference(components));
console.log(`wrote ${path}`);
