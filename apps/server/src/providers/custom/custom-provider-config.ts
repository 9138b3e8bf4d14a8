import { z } from 'zod';

/**
 * How a custom HTTP provider is declared in the config file (`customProviders.<name>`), before it
 * is compiled (compile-custom-provider.ts). Strings may name environment variables as `${NAME}`:
 * secrets come only from the environment, never from the file. docs/custom-providers.md has the
 * whole format and a worked example.
 */
/** One string, or lines (joined with newlines) so that a long expression stays readable in JSON. */
const expression = z.union(
  [
    z.string().min(1),
    z
      .array(z.string())
      .min(1)
      .transform((lines) => lines.join('\n')),
  ],
  { error: 'a JSONata expression (a string, or an array of lines) is required' },
);
const headers = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a header name'), z.string());

/** An HTTP request built from an input by a JSONata body expression. */
const requestSchema = z
  .object({
    url: z.string({ error: 'url is required' }).min(1),
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
    headers: headers.default({}),
    /** How the body expression's object is sent: JSON, or a flat form (`application/x-www-form-urlencoded`). */
    bodyFormat: z.enum(['json', 'form']).default('json'),
    body: expression,
  })
  .strict();

export const customSendSchema = requestSchema
  .extend({
    /** The provider's id of the accepted message, read from `{status, headers, body}` of the answer. */
    messageId: expression,
    /**
     * Evaluated on every answer that is not a 2xx with a message id: `{code, message, kind?,
     * retryable?}` or nothing. Without it, the status line is the error.
     */
    error: expression.optional(),
    /** Statuses that certainly left nothing at the provider, so the same send may be tried again. */
    retryableStatuses: z.array(z.number().int().min(400).max(599)).default([429, 503]),
  })
  .strict();

export const customSignatureSchema = z
  .object({
    algorithm: z.enum(['sha256', 'sha1']),
    header: z.string().min(1),
    encoding: z.enum(['hex', 'base64']),
    /** What comes before the digest in the header (`sha256=`). */
    prefix: z.string().default(''),
    /** `${NAME}` of the environment variable holding the shared secret. */
    secret: z.string({ error: 'secret is required (as ${NAME} of an environment variable)' }),
    /** A signed timestamp: replays older than the tolerance are refused. */
    timestamp: z
      .object({
        header: z.string().min(1),
        toleranceSeconds: z.number().int().min(1).max(86_400).default(300),
        /** What is signed: `{timestamp}` and `{body}` in it, the body exactly once. */
        payload: z
          .string()
          .default('{timestamp}.{body}')
          .refine(
            (p) => p.split('{body}').length === 2 && p.includes('{timestamp}'),
            // Without the body the signature proves nothing about it; without the time, a captured
            // webhook could be replayed with a fresh timestamp header.
            'payload must contain {body} exactly once and {timestamp}',
          ),
      })
      .strict()
      .optional(),
  })
  .strict();

export const customReceiveSchema = z
  .object({
    bodyFormat: z.enum(['json', 'form']).default('json'),
    signature: customSignatureSchema,
    /** The body → inbound messages (an array, one object, or nothing). */
    messages: expression.optional(),
    /** The body → status updates of our messages (an array, one object, or nothing). */
    statuses: expression.optional(),
  })
  .strict()
  .refine((r) => r.messages !== undefined || r.statuses !== undefined, {
    message: 'receive needs a messages or a statuses expression (or both)',
  });

export const customProviderSchema = z
  .object({
    send: customSendSchema,
    receive: customReceiveSchema,
    /** Blue ticks: a request built from `{providerMessageId, messageId}`; without it, reads are not sent. */
    markRead: requestSchema.optional(),
    /** Headers for downloading a customer's media, sent only to the send URL's origin. */
    mediaHeaders: headers.default({}),
    limits: z
      .object({
        timeoutMs: z.number().int().min(1).max(10_000).optional(),
        stackDepth: z.number().int().min(10).max(10_000).optional(),
        sequenceLength: z.number().int().min(10).max(1_000_000).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type CustomProviderConfig = z.infer<typeof customProviderSchema>;

/** Provider names are path segments (`/webhooks/custom/<name>`) and metric labels. */
export const customProviderName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a custom provider name is lower-case letters, digits and dashes');

// Keys are checked here rather than by the record's key schema, whose message zod replaces.
export const customProvidersSchema = z
  .record(z.string(), customProviderSchema)
  .superRefine((providers, ctx) => {
    for (const name of Object.keys(providers)) {
      if (!customProviderName.safeParse(name).success) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" is not a provider name: use lower-case letters, digits and dashes (it is the path /webhooks/custom/<name>)`,
        });
      }
    }
  });
