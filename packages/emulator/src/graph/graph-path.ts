const VERSION_SEGMENT = /^v\d+\.\d+$/;

/** A Graph request path split into its node id, edge and anything beyond (which Graph refuses). */
export interface GraphPath {
  /** `v23.0` when the path starts with a version, else undefined (Graph then uses a default). */
  readonly version: string | undefined;
  readonly node: string | undefined;
  readonly edge: string | undefined;
  readonly rest: readonly string[];
}

/**
 * `v23.0/123/messages` and `123/messages` both give node `123`, edge `messages`. `path` is the
 * Graph part of the request path as the router decoded it (the catch-all route's wildcard): no
 * mount prefix, no query string, segments already percent-decoded.
 */
export function parseGraphPath(path: string): GraphPath {
  const segments = path.split('/').filter((segment) => segment !== '');
  const version =
    segments[0] !== undefined && VERSION_SEGMENT.test(segments[0]) ? segments.shift() : undefined;
  const [node, edge, ...rest] = segments;
  return { version, node, edge, rest };
}
