import { scopeAllowsConversation, type Principal, type Scope } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import type { MediaRecord } from '../../media/media-records.js';
import type { Store } from '../../store/store.js';

/**
 * The media if the caller may read it. Inbound media not yet downloaded answers 409 (to callers
 * who see its conversation) naming its state; anything the caller may not see is 404.
 */
export async function readableMedia(
  store: Store,
  principal: Principal,
  scope: Scope,
  id: string,
): Promise<MediaRecord> {
  const inScope = async (conversationIds: readonly string[]) => {
    if (scope.all) return true;
    for (const conversationId of conversationIds) {
      const conversation = await store.getConversation(conversationId);
      if (conversation && scopeAllowsConversation(scope, conversation)) return true;
    }
    return false;
  };
  const notFound = new AppError('not_found', `No media ${id}.`);
  const record = await store.media.get(id);
  if (!record) {
    const job = await store.media.downloadOf(id);
    if (!job || !(await inScope([job.conversationId]))) throw notFound;
    throw new AppError(
      'conflict',
      job.state === 'failed'
        ? `Media ${id} could not be downloaded from WhatsApp (${job.lastError ?? 'unknown error'}); ask the customer to send it again.`
        : `Media ${id} is still being downloaded from WhatsApp; its message shows "ready" when it can be fetched.`,
      { status: job.state === 'failed' ? 'failed' : 'pending' },
    );
  }
  if (principal.kind === 'agent' && record.createdBy === principal.sub) return record;
  if (await inScope(await store.media.conversationsOf(id))) return record;
  throw notFound;
}
