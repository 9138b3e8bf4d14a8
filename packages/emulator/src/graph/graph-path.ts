const VERSION_SEGMENT = /^v\d+\.\d+$/;

/** A Graph request path split into its node id, edge and anything beyond (which Graph refuses). */
export interface GraphPath {
  /** `v23.0` when the path starts with a version, else undefined (Graph then uses a default). */
  readonly version: string | undefined;
  readonly node: string | undefined;
  readonly edge: string | undefined;
  readonly rest: readonly string[];
}

/** `/v23.0/123/messages?x=1` and `/123/messages` both give node `123`, edge `messages`. */
export function parseGraphPath(url: string): GraphPath {
  const pathname = url.split('?')[0] ?? '';
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
  const version =
    segments[0] !== undefined && VERSION_SEGMENT.test(segments[0]) ? segments.shift() : undefined;
  const [node, edge, ...rest] = segments;
  return { version, node, edge, rest };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
