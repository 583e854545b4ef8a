/**
 * NoFlo's common components and their Plexus equivalents: which component, how its ports map
 * to boxes, and which ports are configuration (their initial packets become params). Names
 * match with or without their library (`core/Output` or `Output`).
 */

/** How one NoFlo component maps. */
export interface NofloMapping {
  readonly use: string;
  /** NoFlo inport → Plexus inbox. */
  readonly inports: Readonly<Record<string, string>>;
  /** NoFlo outport → Plexus outbox. */
  readonly outports: Readonly<Record<string, string>>;
  /** Ports whose initial packets become params: port → (packet) → params. */
  readonly config?: Readonly<Record<string, (packet: unknown) => Record<string, unknown>>>;
  /** Params when no configuration packet gives them. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** What differs, for the report. */
  readonly note?: string;
}

const passThrough = (note?: string): NofloMapping => ({
  use: '@plexus/components#Map',
  inports: { in: 'in' },
  outports: { out: 'out' },
  params: { expression: '$' },
  ...(note === undefined ? {} : { note }),
});

const MAPPINGS: Readonly<Record<string, NofloMapping>> = {
  Output: {
    use: '@plexus/components#ConsoleEcho',
    inports: { in: 'in' },
    outports: { out: 'out' },
  },
  Kick: {
    use: '@plexus/components#Map',
    inports: { in: 'in' },
    outports: { out: 'out' },
    config: { data: (packet) => ({ expression: JSON.stringify(packet) ?? 'null' }) },
    params: { expression: 'null' },
    note: 'sends the data packet for each message it receives (a JSONata literal)',
  },
  Repeat: passThrough(),
  Merge: passThrough('Plexus merges links into one inbox by itself'),
  Split: passThrough('Plexus sends an outbox to every link from it by itself'),
  Drop: {
    use: '@plexus/components#Take',
    inports: { in: 'in' },
    outports: {},
    params: { count: 0 },
    note: 'takes nothing: a sender with no other receiver then stops, as nobody listens',
  },
  SendString: {
    use: '@plexus/components#Map',
    inports: { in: 'in' },
    outports: { out: 'out' },
    config: { string: (packet) => ({ expression: JSON.stringify(String(packet)) }) },
    params: { expression: '""' },
  },
  SplitStr: {
    use: '@plexus/components#SplitLines',
    inports: { in: 'in' },
    outports: { out: 'out' },
    note: 'splits the stream into lines (a delimiter other than a line break is not carried over)',
  },
  ReadFile: {
    use: '@plexus/components#ReadChunks',
    inports: {},
    outports: { out: 'out' },
    config: { in: (packet) => ({ path: String(packet) }) },
    note: 'streams the file in chunks of bytes (its path comes from the initial packet; errors fail the graph instead of going to an error port)',
  },
  ReadFileSync: {
    use: '@plexus/components#ReadChunks',
    inports: {},
    outports: { out: 'out' },
    config: { in: (packet) => ({ path: String(packet) }) },
  },
  WriteFile: {
    use: '@plexus/components#WriteBytes',
    inports: { in: 'in' },
    outports: {},
    config: { filename: (packet) => ({ path: String(packet) }) },
  },
};

/** The Plexus equivalent of a NoFlo component (`core/Output`, `Output`), if there is one. */
export function nofloMapping(component: string): NofloMapping | undefined {
  return MAPPINGS[component.slice(component.lastIndexOf('/') + 1)];
}
