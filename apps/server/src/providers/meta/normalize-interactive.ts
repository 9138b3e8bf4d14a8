import { pruneJson } from './prune-json.js';
import { readRecord, readString } from './read-json.js';

// A Flow's answer can be larger and deeper than an unsupported body, but must stay bounded too.
const flowResponseLimits = { maxDepth: 12, maxChars: 64 * 1024 };

/**
 * The body of an `interactive` reply (§3.5) as content, or null when it has no subtype or the
 * subtype's own object is missing. `nfm_reply` (a completed WhatsApp Flow) becomes `flow_reply`
 * with `responseJson` kept verbatim and `response` parsed from it (null when it is not JSON).
 * Subtypes we do not model (`call_permission_reply`, …) keep their whole object, pruned, in `raw`.
 */
export function normalizeInteractive(body: unknown): Record<string, unknown> | null {
  const subtype = readString(body, 'type');
  if (subtype === null || subtype.length === 0) return null;
  const reply = readRecord(body, subtype);
  switch (subtype) {
    case 'button_reply':
      return reply && { type: subtype, id: readString(reply, 'id'), title: readString(reply, 'title') };
    case 'list_reply':
      return (
        reply && {
          type: subtype,
          id: readString(reply, 'id'),
          title: readString(reply, 'title'),
          description: readString(reply, 'description'),
        }
      );
    case 'nfm_reply': {
      if (reply === null) return null;
      const responseJson = readString(reply, 'response_json');
      return {
        type: 'flow_reply',
        name: readString(reply, 'name'),
        body: readString(reply, 'body'),
        responseJson,
        response: responseJson === null ? null : parseResponse(responseJson),
      };
    }
    default:
      return { type: subtype, raw: pruneJson(body) ?? null };
  }
}

function parseResponse(json: string): unknown {
  try {
    return pruneJson(JSON.parse(json), flowResponseLimits) ?? null;
  } catch {
    return null;
  }
}
