/**
 * The entry of an isolated trial: a fresh Node process that imports one trial module, runs its
 * exported function with the arguments it was given, sends the result back over IPC and exits.
 * A fresh process gives heap and RSS figures that no earlier benchmark has touched.
 */
const [moduleUrl, exportName, json] = process.argv.slice(2);

async function main(): Promise<void> {
  if (moduleUrl === undefined || exportName === undefined || json === undefined) {
    throw new Error('Usage: entry.ts <module URL> <export name> <JSON arguments>.');
  }
  const module = (await import(moduleUrl)) as Record<string, unknown>;
  const trial = module[exportName];
  if (typeof trial !== 'function')
    throw new Error(`${moduleUrl} exports no function '${exportName}'.`);
  const result = await (trial as (args: unknown) => Promise<unknown>)(JSON.parse(json));
  await new Promise<void>((resolve, reject) =>
    process.send!({ result }, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
