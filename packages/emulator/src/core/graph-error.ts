import { metaErrorInfo } from '@switchboard/whatsapp';

/**
 * An error the Graph API answers with, in Meta's shape:
 * `{"error":{"message","type","code","error_subcode"?,"error_data":{"messaging_product","details"},"fbtrace_id"}}`
 * (docs/whatsapp-cloud-api.md, error section). The same code, title and details also appear in
 * `statuses[].errors[]` when a failure is reported asynchronously by webhook.
 */
export class GraphError extends Error {
  readonly title: string;
  readonly httpStatus: number;
  readonly subcode: number | undefined;

  constructor(
    readonly code: number,
    /** Human detail, e.g. which parameter is wrong; goes to `error_data.details`. */
    readonly details: string,
    options: { httpStatus?: number; subcode?: number } = {},
  ) {
    const info = metaErrorInfo(code);
    const title = info?.title ?? 'Unknown error';
    super(`(#${code}) ${title}`);
    this.name = 'GraphError';
    this.title = title;
    this.httpStatus = options.httpStatus ?? info?.httpStatus ?? 400;
    this.subcode = options.subcode;
  }
}
