import { z } from '@plexus/core';

/** The name param every backplane component takes. */
export const backplaneName = z
  .string()
  .min(1)
  .describe('Name of the backplane (shared by every component in this thread that names it).');
