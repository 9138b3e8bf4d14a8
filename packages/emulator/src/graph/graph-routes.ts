import multipart from '@fastify/multipart';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from '../core/graph-error.js';
import { accessTokenError, presentedAccessToken } from './access-token-check.js';
import { dispatchGraphCall } from './graph-dispatch.js';
import type { GraphDeps } from './graph-deps.js';
import { graphErrorBody } from './graph-error-body.js';
import { parseGraphPath } from './graph-path.js';
import { MediaUrlSigner } from './media-url-signer.js';
import { OAUTH_CHALLENGE } from './platform-errors.js';
import { mediaDownloadHandler } from './routes/media-download-route.js';

/**
 * The Graph API side of the emulator, what a business calls: sends and read receipts, media
 * upload/retrieve/delete with expiring download URLs, and the templates edge, under any `/vNN.N/`
 * prefix or none. Mount it anywhere: Graph paths start where the plugin is registered
 * (`/v23.0/…` at the root, `/emulator/v23.0/…` under `/emulator`).
 *
 * Requests are not validated by Fastify schemas, on purpose: every failure must come back as the
 * Graph error Meta would send (code, subcode, details), which the hand-written checks under
 * `send/` produce. The plugin owns every path no other route matches (a `/*` route), so unknown
 * paths get Graph's answer too; other plugins' routes are more specific and keep winning.
 *
 * @example
 * app.register(graphRoutes({ findNumber, hasWaba, accessTokens, media, templates, gate, clock, publicUrl }));
 */
export function graphRoutes(deps: GraphDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(multipart);
    const signer = new MediaUrlSigner();

    app.setErrorHandler((error: FastifyError, request, reply) => {
      const graphError = error instanceof GraphError ? error : fromFrameworkError(error);
      if (graphError.httpStatus >= 500) request.log.error({ err: error }, 'graph request failed');
      return sendGraphError(reply, graphError);
    });

    // Graph checks the token before it looks at the path, so even unknown ids answer 190 first.
    app.addHook('onRequest', async (request) => {
      const error = accessTokenError(presentedAccessToken(request), deps.accessTokens, deps.clock.now());
      if (error) throw error;
    });

    app.get('/_media/:mediaId', mediaDownloadHandler(deps, signer));
    app.route({
      method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'],
      url: '/*',
      handler: async (request: FastifyRequest<{ Params: { '*': string } }>, reply) => {
        // The wildcard is the path below the mount prefix, whatever the prefix (even parametric).
        const path = parseGraphPath(request.params['*']);
        return dispatchGraphCall({ request, reply, deps, signer, version: path.version }, path);
      },
    });
  };
}

function sendGraphError(reply: FastifyReply, error: GraphError): FastifyReply {
  if (error.httpStatus === 401) reply.header('www-authenticate', OAUTH_CHALLENGE);
  return reply.code(error.httpStatus).type('application/json; charset=utf-8').send(graphErrorBody(error));
}

/** Body parsing and similar framework errors: a client mistake is Graph's 100, anything else 131000. */
function fromFrameworkError(error: FastifyError): GraphError {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new GraphError(100, error.message);
  return new GraphError(131000, 'The emulator failed to process the request.');
}
