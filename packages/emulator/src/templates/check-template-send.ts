import { GraphError } from '../core/graph-error.js';
import { checkTemplateButtons } from './check-template-buttons.js';
import { checkTemplateHeader, checkTemplateBody } from './check-template-text.js';
import type { StoredTemplate, TemplateRegistry } from './template-registry.js';
import type { TemplateSend } from './template-send.js';
import { templateShape } from './template-shape.js';

/**
 * Checks a template send against the WABA's template and returns the template. Answers, as Meta
 * does: 132001 when no template has that name and language or it is not approved (PENDING,
 * REJECTED), 132015 when it is paused, 132016 when disabled; then 132000 (parameter count), 132012
 * (parameter format) and 132005 (text too long once filled in) per component.
 */
export function checkTemplateSend(
  registry: TemplateRegistry,
  wabaId: string,
  send: TemplateSend,
): StoredTemplate {
  const template = registry.find(wabaId, send.name, send.languageCode);
  if (!template) {
    throw new GraphError(132001, `template name (${send.name}) does not exist in ${send.languageCode}`);
  }
  if (template.status === 'PAUSED') {
    throw new GraphError(
      132015,
      `Template ${send.name} (${send.languageCode}) is paused because of low quality.`,
    );
  }
  if (template.status === 'DISABLED') {
    throw new GraphError(132016, `Template ${send.name} (${send.languageCode}) has been disabled.`);
  }
  if (template.status !== 'APPROVED') {
    throw new GraphError(
      132001,
      `template name (${send.name}) in ${send.languageCode} is ${template.status}; only APPROVED templates can be sent`,
    );
  }
  const shape = templateShape(template);
  checkTemplateHeader(template, shape, send.header);
  checkTemplateBody(template, shape, send.body);
  checkTemplateButtons(shape, send.buttons);
  return template;
}
