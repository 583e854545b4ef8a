/** Compile one TypeScript module to JavaScript (ESM, or CJS for .cts), through the cache. */
export declare function compile(
  filename: string,
  source: string,
): Promise<{ code: string; commonjs: boolean }>;

/** Node's `load` module hook: TypeScript files compile through {@link compile}. */
export declare function load(
  url: string,
  context: { format?: string | null; conditions?: string[]; importAttributes?: object },
  nextLoad: (url: string, context?: object) => unknown,
): Promise<unknown>;

/**
 * Trim the compile cache: when `dir` holds more than `limit` bytes, remove the files used least
 * recently until it holds 3/4 of that. Runs by itself after a process's first compile.
 */
export declare function trimCache(dir?: string, limit?: number): void;
