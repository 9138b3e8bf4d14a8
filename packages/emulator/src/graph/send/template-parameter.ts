import { TEMPLATE_LIMITS } from '@switchboard/whatsapp';
import { GraphError } from '../../core/graph-error.js';
import type { TemplateParameterType, TemplateSendParameter } from '../../templates/template-send.js';
import { checkLocationMessage } from './location-message.js';
import { checkMediaReference } from './media-reference.js';
import { invalidValue, missingParam, wrongType, type Params } from './params.js';
import type { SendContext } from './send-context.js';

const PARAMETER_TYPES: readonly TemplateParameterType[] = [
  'text',
  'currency',
  'date_time',
  'image',
  'video',
  'document',
  'location',
  'payload',
  'coupon_code',
  'action',
];

/** Legacy `date_time` components Meta still accepts next to `fallback_value` (which it displays). */
const DATE_TIME_KEYS = [
  'fallback_value',
  'calendar',
  'day_of_month',
  'day_of_week',
  'hour',
  'minute',
  'month',
  'year',
  'timestamp',
];

/** Reads one template parameter (`{"type":"text","text":"…","parameter_name"?}` and its siblings). */
export function readTemplateParameter(parameter: Params, ctx: SendContext): TemplateSendParameter {
  const type = parameter.enumValue('type', PARAMETER_TYPES);
  parameter.allowOnly(['type', 'parameter_name', type]);
  const name = parameter.optionalString('parameter_name');
  if (name !== undefined && !/^[a-z0-9_]+$/.test(name)) {
    throw invalidValue(
      parameter.pathOf('parameter_name'),
      'may contain only lowercase letters, digits and underscores',
    );
  }
  if (!parameter.has(type)) {
    // Meta's wording for this case, observed in production responses.
    throw new GraphError(100, `Parameter '${type}' is mandatory for component parameter type '${type}'`);
  }
  return { type, name, text: readValue(type, parameter, ctx) };
}

/** Checks the value under the type's key and returns the text it shows, if any. */
function readValue(type: TemplateParameterType, parameter: Params, ctx: SendContext): string | undefined {
  switch (type) {
    case 'text':
      return parameter.string('text', { max: TEMPLATE_LIMITS.textParameterMaxLength });
    case 'currency': {
      const currency = parameter.object('currency').allowOnly(['fallback_value', 'code', 'amount_1000']);
      const code = currency.string('code');
      if (!/^[A-Za-z]{3}$/.test(code))
        throw invalidValue(currency.pathOf('code'), 'must be an ISO 4217 currency code');
      const amount = currency.raw.amount_1000;
      if (amount === undefined || amount === null) throw missingParam(currency.pathOf('amount_1000'));
      else if (!Number.isInteger(amount)) throw wrongType(currency.pathOf('amount_1000'), 'an integer');
      return currency.string('fallback_value');
    }
    case 'date_time':
      return parameter.object('date_time').allowOnly(DATE_TIME_KEYS).string('fallback_value');
    case 'image':
    case 'video':
    case 'document': {
      const keys = ['id', 'link', ...(type === 'document' ? ['filename'] : [])];
      checkMediaReference(type, parameter.object(type).allowOnly(keys), ctx);
      return undefined;
    }
    case 'location':
      checkLocationMessage(parameter.object('location'));
      return undefined;
    case 'payload':
      return parameter.string('payload');
    case 'coupon_code':
      return parameter.string('coupon_code', { max: TEMPLATE_LIMITS.couponCodeMaxLength });
    case 'action':
      parameter.object('action');
      return undefined;
  }
}
