import { z } from 'zod';

export const mediaIdParams = z.object({ id: z.string().min(1).max(100) });

/** The answer of `POST /v1/media`; send the id as `{"type":"image","media":{"id":"…"}}`. */
export const uploadedMediaSchema = z.object({
  id: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: z.string(),
  filename: z.string().nullable(),
});
export type UploadedMedia = z.infer<typeof uploadedMediaSchema>;
