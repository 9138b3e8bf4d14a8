import type { MediaStore } from '../../core/media-store.js';
import type { TemplateRegistry } from '../../templates/template-registry.js';

/** What validating one send needs to know beyond its body. */
export interface SendContext {
  /** The sending business number. */
  readonly phoneNumberId: string;
  /** Its display number (digits), to refuse sends to itself (131021). */
  readonly displayPhoneNumber: string;
  /** Its WhatsApp Business Account, where its templates live. */
  readonly wabaId: string;
  readonly media: MediaStore;
  readonly templates: TemplateRegistry;
}
