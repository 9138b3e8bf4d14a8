import type { StoredMedia } from '../core/media-store.js';
import type { GraphCall } from './graph-call.js';
import type { ResolvedBusinessNumber } from './graph-deps.js';
import type { GraphPath } from './graph-path.js';
import { unknownObject, unknownPathComponents } from './platform-errors.js';
import { deleteMedia, getMedia, uploadMedia } from './routes/media-routes.js';
import { postMessages } from './routes/messages-route.js';
import { getPhoneNumber } from './routes/phone-number-route.js';
import { createTemplate, deleteTemplates, listTemplates } from './routes/template-routes.js';

type Operations<Node> = Readonly<Record<string, (call: GraphCall, node: Node) => unknown>>;

/** Operations per kind of Graph node, keyed `METHOD edge` (an empty edge is the node itself). */
const NUMBER_OPERATIONS: Operations<ResolvedBusinessNumber> = {
  'GET ': getPhoneNumber,
  'POST messages': postMessages,
  'POST media': uploadMedia,
};
const MEDIA_OPERATIONS: Operations<StoredMedia> = { 'GET ': getMedia, 'DELETE ': deleteMedia };
const WABA_OPERATIONS: Operations<string> = {
  'GET message_templates': listTemplates,
  'POST message_templates': createTemplate,
  'DELETE message_templates': deleteTemplates,
};

/**
 * Runs the operation a Graph path names, answering as Graph does when there is none: 100/33
 * (GraphMethodException) for an unknown id or a method the object does not support, and 2500
 * "Unknown path components" for an edge the object does not have or a path that goes deeper.
 */
export async function dispatchGraphCall(call: GraphCall, path: GraphPath): Promise<unknown> {
  const method = call.request.method;
  const id = path.node;
  if (id === undefined) throw unknownPathComponents('/');
  if (path.rest.length > 0) throw unknownPathComponents(`/${[path.edge, ...path.rest].join('/')}`);
  const key = `${method} ${path.edge ?? ''}`;
  const { deps } = call;

  const number = deps.findNumber(id);
  const media = deps.media.get(id);
  const isWaba = deps.hasWaba(id);
  const numberOperation = number && NUMBER_OPERATIONS[key];
  if (number && numberOperation) return numberOperation(call, number);
  const mediaOperation = media && MEDIA_OPERATIONS[key];
  if (media && mediaOperation) return mediaOperation(call, media);
  const wabaOperation = isWaba ? WABA_OPERATIONS[key] : undefined;
  if (wabaOperation) return wabaOperation(call, id);

  const edges = [
    ...(number ? Object.keys(NUMBER_OPERATIONS) : []),
    ...(media ? Object.keys(MEDIA_OPERATIONS) : []),
    ...(isWaba ? Object.keys(WABA_OPERATIONS) : []),
  ].map((operation) => operation.split(' ')[1]);
  if (path.edge !== undefined && edges.length > 0 && !edges.includes(path.edge)) {
    throw unknownPathComponents(`/${path.edge}`);
  }
  throw unknownObject(method, id);
}
