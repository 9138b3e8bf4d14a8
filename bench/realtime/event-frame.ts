/**
 * What both baseline servers broadcast: a frame shaped and sized like Switchboard's
 * `{"type":"event","event":{…}}` for an inbound text message, so every target moves the same bytes.
 */
export function eventFrame(seq: number, body: string): { type: 'event'; event: object } {
  const at = new Date().toISOString();
  return {
    type: 'event',
    event: {
      seq,
      type: 'message.created',
      at,
      conversationId: 'cv_01JDBENCH0000000000000000',
      refs: ['CASE-1042'],
      data: {
        id: `msg_01JDBENCH${String(seq).padStart(16, '0')}`,
        conversationId: 'cv_01JDBENCH0000000000000000',
        direction: 'inbound',
        type: 'text',
        content: { body },
        providerMessageId: `wamid.HBgNNDkxNTEyMzQ1Njc4FQIAEhggQkVOQ0gt${seq}`,
        status: 'received',
        error: null,
        replyTo: null,
        reactions: [],
        media: null,
        clientMessageId: null,
        sentBy: null,
        createdAt: at,
        sentAt: null,
        deliveredAt: null,
        readAt: null,
      },
    },
  };
}

export const fanMarker = 'bench:fan:';
export const latencyMarker = 'bench:lat:';
