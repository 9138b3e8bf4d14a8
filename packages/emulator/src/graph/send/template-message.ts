import { TEMPLATE_LIMITS } from '@switchboard/whatsapp';
import { checkTemplateSend } from '../../templates/check-template-send.js';
import type { TemplateSendButton, TemplateSendComponent } from '../../templates/template-send.js';
import { invalidValue, missingParam, wrongType, type Params } from './params.js';
import type { SendContext } from './send-context.js';
import { readTemplateParameter } from './template-parameter.js';

const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'copy_code', 'flow', 'catalog', 'mpm'];

/**
 * `"template":{"name","language":{"code","policy"?},"components"?:[…]}`: checks the shape of every
 * component and parameter here, then the send against the WABA's template definition.
 */
export function checkTemplateMessage(template: Params, ctx: SendContext): void {
  template.allowOnly(['name', 'language', 'components']);
  const name = template.string('name');
  const language = template.object('language').allowOnly(['code', 'policy']);
  const languageCode = language.string('code');
  if (language.has('policy')) language.enumValue('policy', ['deterministic']);

  let header: TemplateSendComponent | undefined;
  let body: TemplateSendComponent | undefined;
  const buttons: TemplateSendButton[] = [];
  for (const component of template.optionalObjects('components')) {
    const type = component.enumValue('type', ['header', 'body', 'button']);
    const parameters = () =>
      component.optionalObjects('parameters').map((p) => readTemplateParameter(p, ctx));
    if (type === 'button') {
      component.allowOnly(['type', 'sub_type', 'index', 'parameters']);
      const subType = component.enumValue('sub_type', BUTTON_SUB_TYPES);
      buttons.push({
        path: component.path,
        index: buttonIndex(component),
        subType,
        parameters: parameters(),
      });
      continue;
    }
    component.allowOnly(['type', 'parameters']);
    if ((type === 'header' ? header : body) !== undefined) {
      throw invalidValue(component.path, `repeats the ${type} component`);
    }
    const read = { path: component.path, parameters: parameters() };
    if (type === 'header') header = read;
    else body = read;
  }
  checkTemplateSend(ctx.templates, ctx.wabaId, { name, languageCode, header, body, buttons });
}

/** `index` is documented as a string ("0") and sent as a number by many clients; both work. */
function buttonIndex(component: Params): number {
  const raw = component.raw.index;
  if (raw === undefined || raw === null) throw missingParam(component.pathOf('index'));
  const index = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw wrongType(component.pathOf('index'), 'a button position such as "0"');
  }
  if (index < 0 || index >= TEMPLATE_LIMITS.maxButtons) {
    throw invalidValue(component.pathOf('index'), `must be between 0 and ${TEMPLATE_LIMITS.maxButtons - 1}`);
  }
  return index;
}
