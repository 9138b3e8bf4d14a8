import { templateButtonParameter } from '@switchboard/whatsapp';
import { GraphError } from '../core/graph-error.js';
import type { TemplateParameterType, TemplateSendButton } from './template-send.js';
import type { TemplateShape } from './template-shape.js';

interface ButtonRule {
  /** The `sub_type` a send uses for this kind of button. */
  readonly subType: string;
  readonly type: TemplateParameterType;
  readonly min: number;
  readonly max: number;
}

/**
 * What a send supplies for a kind of template button (packages/whatsapp `templateButtonParameter`):
 * one parameter, required or optional, except a URL button, which takes exactly one per variable of
 * its url (none when it has none). Phone-number buttons take nothing.
 */
function ruleFor(type: string, variables: number): ButtonRule | undefined {
  const button = templateButtonParameter(type);
  if (!button) return undefined;
  const max = type === 'URL' ? variables : 1;
  return { subType: button.subType, type: button.parameterType, min: button.required ? max : 0, max };
}

export function checkTemplateButtons(shape: TemplateShape, sent: readonly TemplateSendButton[]): void {
  const byIndex = new Map<number, TemplateSendButton>();
  for (const button of sent) {
    const defined = shape.buttons[button.index];
    if (!defined) {
      throw new GraphError(
        131009,
        `Param ${button.path}['index'] is ${button.index}, but the template has ${shape.buttons.length} button(s)`,
      );
    }
    if (byIndex.has(button.index)) {
      throw new GraphError(131009, `Param ${button.path} repeats the button at index ${button.index}`);
    }
    byIndex.set(button.index, button);
  }
  shape.buttons.forEach((defined, index) => {
    const rule = ruleFor(defined.type ?? '', defined.variables.length);
    const button = byIndex.get(index);
    const given = button?.parameters ?? [];
    const label = `buttons: button at index ${index} (${defined.type || 'unknown type'})`;
    if (!rule) {
      if (given.length > 0) throw countOff(label, given.length, 0);
      return;
    }
    if (button && button.subType !== rule.subType) {
      throw new GraphError(
        132012,
        `${label}: Format mismatch, expected sub_type ${rule.subType}, received ${button.subType}`,
      );
    }
    if (given.length < rule.min || given.length > rule.max) throw countOff(label, given.length, rule.max);
    const wrong = given.find((parameter) => parameter.type !== rule.type);
    if (wrong) {
      throw new GraphError(
        132012,
        `${label}: Format mismatch, expected ${rule.type.toUpperCase()}, received ${wrong.type.toUpperCase()}`,
      );
    }
  });
}

const countOff = (label: string, given: number, expected: number) =>
  new GraphError(
    132000,
    `${label}: number of params (${given}) does not match the expected number of params (${expected})`,
  );
