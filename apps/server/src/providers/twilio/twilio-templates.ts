import type { ProviderTemplate } from '../provider.js';

/** One item of Twilio's `GET /v1/ContentAndApprovals` (the fields read here). */
interface TwilioContent {
  sid?: unknown;
  friendly_name?: unknown;
  language?: unknown;
  types?: unknown;
  approval_requests?: unknown;
}

/**
 * A Twilio Content template in our fields (docs/providers.md, Twilio): named as WhatsApp knows it
 * (its approval's `name`), with its Content SID as the provider's id (sends use it), its approval
 * status and category, and its text as a BODY component with `{{1}}…` placeholders, so that the
 * template check counts the parameters a send gives. Content that was never submitted to WhatsApp
 * has no WhatsApp name and is not a template there: it is left out.
 */
export function toTwilioTemplate(content: TwilioContent): ProviderTemplate[] {
  const approval = isRecord(content.approval_requests) ? content.approval_requests : null;
  const name = typeof approval?.name === 'string' ? approval.name : null;
  if (typeof content.sid !== 'string' || !/^HX[0-9a-fA-F]{32}$/.test(content.sid)) return [];
  if (name === null || !/^[a-z0-9_]{1,512}$/.test(name) || typeof content.language !== 'string') return [];
  const text = bodyText(content.types);
  return [
    {
      name,
      language: content.language,
      providerTemplateId: content.sid,
      status:
        typeof approval?.status === 'string' && approval.status !== ''
          ? approval.status.toUpperCase()
          : 'UNSUBMITTED',
      category: typeof approval?.category === 'string' ? approval.category.toUpperCase() : null,
      parameterFormat: 'POSITIONAL',
      components: text === null ? [] : [{ type: 'BODY', text }],
    },
  ];
}

/** The text of the content's first type that has one (`twilio/text`, `twilio/media`, a card's title…). */
function bodyText(types: unknown): string | null {
  if (!isRecord(types)) return null;
  for (const type of Object.values(types)) {
    if (!isRecord(type)) continue;
    if (typeof type.body === 'string' && type.body !== '') return type.body;
    if (typeof type.title === 'string' && type.title !== '') return type.title;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
