/**
 * Why a raw webhook body is not JSON (the parser's message), or null when it is. Only a check: the
 * inbox worker parses the stored bytes again when it applies them, so nothing parsed is kept here.
 */
export function invalidJson(body: Uint8Array): string | null {
  try {
    JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
