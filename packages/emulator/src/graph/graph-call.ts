import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphDeps } from './graph-deps.js';
import type { MediaUrlSigner } from './media-url-signer.js';

/** What a Graph operation handler gets besides its node. */
export interface GraphCall {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly deps: GraphDeps;
  readonly signer: MediaUrlSigner;
  /** The version segment of the path, when there was one. */
  readonly version: string | undefined;
}

export function publicBaseUrl(deps: GraphDeps): string {
  return typeof deps.publicUrl === 'function' ? deps.publicUrl() : deps.publicUrl;
}

export function queryOf(request: FastifyRequest): Record<string, unknown> {
  const query = request.query;
  return typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
}
