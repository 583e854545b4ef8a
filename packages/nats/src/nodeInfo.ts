/** What a node agent announces about itself, in every heartbeat and to every ping. */
export interface NodeInfo {
  readonly name: string;
  readonly host: string;
  readonly labels: readonly string[];
  readonly cores: number;
  readonly freeMemoryMb: number;
  /** The @plexus/nats version it runs: a coordinator refuses another. */
  readonly version: string;
  readonly pid: number;
  /** Units it runs now. */
  readonly units: number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export const encodeInfo = (info: NodeInfo): Uint8Array => encoder.encode(JSON.stringify(info));
export const decodeInfo = (data: Uint8Array): NodeInfo | undefined => {
  try {
    const info = JSON.parse(decoder.decode(data)) as NodeInfo;
    return typeof info.name === 'string' && Array.isArray(info.labels) ? info : undefined;
  } catch {
    return undefined;
  }
};
