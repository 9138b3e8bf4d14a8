/** Where a business message stands on the customer's phone. */
export type OutboundStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export interface ThreadReaction {
  readonly from: 'customer' | 'business';
  readonly emoji: string;
}

/**
 * One message of a conversation as the control API shows it. `direction` 'in' is customer →
 * business, 'out' is business → customer; `message` is the Cloud API object as received by the
 * business (webhook message) or as sent by it (send request body).
 */
export interface ThreadItem {
  readonly id: string;
  readonly direction: 'in' | 'out';
  readonly type: string;
  /** ms since the epoch (emulator clock). */
  readonly timestamp: number;
  /** One line for display: the text, the caption, "📍 Location", … */
  readonly preview: string;
  readonly message: Readonly<Record<string, unknown>>;
  readonly status?: OutboundStatus;
  readonly error?: { readonly code: number; readonly title: string; readonly details: string };
  readonly readByBusiness?: boolean;
  readonly replyTo?: string;
  readonly reactions?: readonly ThreadReaction[];
  readonly edited?: boolean;
  readonly revoked?: boolean;
}

/**
 * The emulator's record of a message: the visible item plus what the platform needs to know. Kept
 * mutable inside the emulator; callers get copies through {@link threadItemView}.
 */
export interface ThreadEntry {
  readonly id: string;
  readonly phoneNumberId: string;
  readonly waId: string;
  readonly direction: 'in' | 'out';
  readonly type: string;
  readonly timestamp: number;
  preview: string;
  readonly message: Readonly<Record<string, unknown>>;
  status?: OutboundStatus;
  error?: { code: number; title: string; details: string };
  readByBusiness?: boolean;
  readonly replyTo?: string;
  reactions: ThreadReaction[];
  edited: boolean;
  revoked: boolean;
}

export function threadItemView(e: ThreadEntry): ThreadItem {
  return {
    id: e.id,
    direction: e.direction,
    type: e.type,
    timestamp: e.timestamp,
    preview: e.preview,
    message: e.message,
    ...(e.direction === 'out' && e.status !== undefined && { status: e.status }),
    ...(e.error && { error: { ...e.error } }),
    ...(e.direction === 'in' && { readByBusiness: e.readByBusiness ?? false }),
    ...(e.replyTo !== undefined && { replyTo: e.replyTo }),
    ...(e.reactions.length > 0 && { reactions: e.reactions.map((r) => ({ ...r })) }),
    ...(e.edited && { edited: true }),
    ...(e.revoked && { revoked: true }),
  };
}

/** Sets (or, with an empty emoji, removes) one side's reaction: one reaction per side, as on WhatsApp. */
export function applyReaction(
  entry: ThreadEntry,
  from: ThreadReaction['from'],
  emoji: string | undefined,
): void {
  entry.reactions = entry.reactions.filter((r) => r.from !== from);
  if (emoji) entry.reactions.push({ from, emoji });
}
