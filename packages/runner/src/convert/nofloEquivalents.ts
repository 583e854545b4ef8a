/**
 * NoFlo components and the standard-library component closest to each, for the hints of
 * `plexus convert` and of a `use: noflo:…` left in a graph file. A hint names only a
 * component that exists: the runner's tests resolve every entry in @plexus/components.
 * NoFlo's own fan-in and fan-out components (core/Merge, core/Split) need none: Plexus
 * links fan in and out by themselves.
 */

/** By NoFlo component name (without its library prefix): the Plexus export, and how it differs. */
export const NOFLO_EQUIVALENTS: Readonly<Record<string, { use: string; note: string }>> = {
  Output: { use: '@plexus/components#ConsoleEcho', note: 'prints each message' },
  ReadFile: {
    use: '@plexus/components#ReadChunks',
    note: 'streams the file as byte chunks; ReadLines reads it line by line',
  },
  ReadFileSync: { use: '@plexus/components#ReadChunks', note: 'streams the file as byte chunks' },
  WriteFile: { use: '@plexus/components#WriteBytes', note: 'writes each chunk to a file' },
  SplitStr: { use: '@plexus/components#SplitLines', note: 'splits text into lines' },
  ParseJson: { use: '@plexus/components#JsonDecode', note: 'parses each message as JSON' },
  ParseJSON: { use: '@plexus/components#JsonDecode', note: 'parses each message as JSON' },
  Stringify: { use: '@plexus/components#JsonEncode', note: 'sends each message as JSON text' },
  RunInterval: { use: '@plexus/components#Ticker', note: 'sends a count every intervalMs' },
  RepeatDelayed: { use: '@plexus/components#Delay', note: 'delays each message by ms' },
  Collect: { use: '@plexus/components#Collect', note: 'sends everything as one array at the end' },
};

/** The hint for a NoFlo component: its closest Plexus component, if there is one. */
export function nofloEquivalent(component: string): { use: string; note: string } | undefined {
  const name = component.slice(component.lastIndexOf('/') + 1);
  return Object.hasOwn(NOFLO_EQUIVALENTS, name) ? NOFLO_EQUIVALENTS[name] : undefined;
}
