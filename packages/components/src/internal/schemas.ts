/** Schemas shared by several components. */
import { z } from '@plexus/core';

/** Binary data: a `Uint8Array` (a Node `Buffer` is one). Shown as `binary` in references. */
export const bytes = z.instanceof(Uint8Array).meta({ format: 'binary' });

/** A chunk of a stream: text, or bytes (decoded with the component's encoding). */
export const chunk = z.union([z.string(), bytes]);

/** Text encodings the file and line components read and write. */
export const encoding = z
  .enum(['utf8', 'utf-16le', 'latin1'])
  .default('utf8')
  .describe('Text encoding: utf8, utf-16le or latin1.');

/** The default bound on a line's length, in characters. */
const DEFAULT_MAX_LINE = 1_048_576;

export const maxLineLength = z
  .number()
  .int()
  .positive()
  .default(DEFAULT_MAX_LINE)
  .describe('Longest line accepted, in characters (a longer one fails the component).');

/** The path param of a file reader (`-`: standard input). */
export const inputPath = z
  .string()
  .min(1)
  .meta({ format: 'path' })
  .describe(
    "Path of the file ('-' reads standard input). In a graph file, relative to the graph file; in code, to the working directory.",
  );

/** The path param of a file writer (`-`: standard output). */
export const outputPath = z
  .string()
  .min(1)
  .meta({ format: 'path' })
  .describe(
    "Path of the file ('-' writes to standard output). In a graph file, relative to the graph file; in code, to the working directory.",
  );
