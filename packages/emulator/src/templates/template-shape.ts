import { templateShape as componentsShape, type TemplateShape } from '@switchboard/whatsapp';
import type { TemplateDefinition } from '../core/emulator-options.js';

export type { TemplateShape } from '@switchboard/whatsapp';

/**
 * What a definition expects from a send. Definitions are Meta's authoring JSON (`type` HEADER,
 * BODY, FOOTER, BUTTONS, any case), loosely typed because they come from configuration or the
 * create endpoint; fields of the wrong type are treated as absent.
 */
export function templateShape(definition: TemplateDefinition): TemplateShape {
  return componentsShape(definition.components);
}
