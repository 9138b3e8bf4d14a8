import { TEMPLATE_LIMITS } from '@switchboard/whatsapp';
import { z } from 'zod';
import {
  fieldError,
  list,
  mediaSource,
  nonEmpty,
  notAnObject,
  object,
  replyTo,
  text,
  unique,
} from './send-request-fields.js';
import { locationObject } from './send-request-location.js';

/** Template sends (send-request.ts): the Cloud API components, positional or named parameters. */
// ——— template (Cloud API template components) ———

const tp = 'template.components[].parameters[]';
const parameterName = z
  .string({ error: fieldError(`${tp}.parameter_name`, 'a string') })
  .regex(/^[a-z0-9_]+$/, `${tp}.parameter_name may contain only lowercase letters, digits and underscores`)
  .optional();

const textParameter = object(tp, {
  type: z.literal('text'),
  parameter_name: parameterName,
  text: text(`${tp}.text`, TEMPLATE_LIMITS.textParameterMaxLength),
});
const currencyParameter = object(tp, {
  type: z.literal('currency'),
  parameter_name: parameterName,
  currency: object(`${tp}.currency`, {
    fallback_value: nonEmpty(`${tp}.currency.fallback_value`),
    code: z
      .string({ error: fieldError(`${tp}.currency.code`, 'a string') })
      .regex(/^[A-Za-z]{3}$/, `${tp}.currency.code must be an ISO 4217 code such as USD`),
    amount_1000: z
      .number({ error: fieldError(`${tp}.currency.amount_1000`, 'a number') })
      .int(`${tp}.currency.amount_1000 must be an integer (the amount × 1000)`),
  }),
});
const dateTimeParameter = object(tp, {
  type: z.literal('date_time'),
  parameter_name: parameterName,
  date_time: object(`${tp}.date_time`, { fallback_value: nonEmpty(`${tp}.date_time.fallback_value`) }),
});

const imageParameter = object(tp, { type: z.literal('image'), image: mediaSource(`${tp}.image`) });
const videoParameter = object(tp, { type: z.literal('video'), video: mediaSource(`${tp}.video`) });
const documentParameter = object(tp, {
  type: z.literal('document'),
  document: mediaSource(`${tp}.document`, { filename: nonEmpty(`${tp}.document.filename`).optional() }),
});
const locationParameter = object(tp, {
  type: z.literal('location'),
  location: locationObject(`${tp}.location`),
});
const payloadParameter = object(tp, { type: z.literal('payload'), payload: nonEmpty(`${tp}.payload`) });
const couponParameter = object(tp, {
  type: z.literal('coupon_code'),
  coupon_code: text(`${tp}.coupon_code`, TEMPLATE_LIMITS.couponCodeMaxLength),
});

const parameterUnion = <
  Options extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(
  where: string,
  allowed: string,
  options: Options,
) =>
  z.discriminatedUnion('type', options, {
    error: (issue) =>
      notAnObject(issue.input)
        ? `${tp} must be an object`
        : `${tp}.type must be one of ${allowed} in a ${where} component`,
  });

/** Named parameters (`parameter_name`) or positional ones, not both in one component. */
const namedOrPositional = {
  message: `${tp}.parameter_name must be given on every parameter of a component or on none`,
};
const allOrNoneNamed = (parameters: readonly { parameter_name?: string }[]) => {
  const named = parameters.filter((p) => p.parameter_name !== undefined).length;
  return named === 0 || named === parameters.length;
};

const headerComponent = object('template.components[]', {
  type: z.literal('header'),
  parameters: list(
    'template.components[].parameters',
    parameterUnion('header', 'text, image, video, document, location', [
      textParameter,
      imageParameter,
      videoParameter,
      documentParameter,
      locationParameter,
    ]),
    1,
    1,
  ),
});
const bodyComponent = object('template.components[]', {
  type: z.literal('body'),
  parameters: list(
    'template.components[].parameters',
    parameterUnion('body', 'text, currency, date_time', [
      textParameter,
      currencyParameter,
      dateTimeParameter,
    ]),
    1,
  ).refine(allOrNoneNamed, namedOrPositional),
});
const buttonParameterTypes = { quick_reply: 'payload', url: 'text', copy_code: 'coupon_code' } as const;
const buttonComponent = object('template.components[]', {
  type: z.literal('button'),
  sub_type: z.enum(['quick_reply', 'url', 'copy_code'], {
    error: 'template.components[].sub_type must be one of quick_reply, url, copy_code',
  }),
  /** The button's position in the template; Meta documents a string ("0"), clients send both. */
  index: z.union([z.number().int(), z.string().regex(/^\d+$/)], {
    error: 'template.components[].index must be the button position, such as "0"',
  }),
  parameters: list(
    'template.components[].parameters',
    parameterUnion('button', 'payload, text, coupon_code', [
      payloadParameter,
      textParameter,
      couponParameter,
    ]),
    1,
    1,
  ),
})
  .refine((button) => Number(button.index) < TEMPLATE_LIMITS.maxButtons, {
    message: `template.components[].index must be from 0 to ${TEMPLATE_LIMITS.maxButtons - 1}`,
    path: ['index'],
  })
  .refine((button) => button.parameters.every((p) => p.type === buttonParameterTypes[button.sub_type]), {
    message:
      'template.components[].parameters[].type must be payload for quick_reply, text for url, coupon_code for copy_code',
    path: ['parameters'],
  });

const templateComponent = z.discriminatedUnion('type', [headerComponent, bodyComponent, buttonComponent], {
  error: (issue) =>
    notAnObject(issue.input)
      ? 'template.components[] must be an object'
      : 'template.components[].type must be one of header, body, button',
});

const templateComponents = list('template.components', templateComponent, 0)
  .refine(
    (components) =>
      components.filter((c) => c.type === 'header').length <= 1 &&
      components.filter((c) => c.type === 'body').length <= 1,
    'template.components may hold one header and one body component',
  )
  .refine(
    (components) => unique(components.flatMap((c) => (c.type === 'button' ? [String(Number(c.index))] : []))),
    'template.components[].index must be unique among button components',
  );

export const templateMember = object('the request body', {
  type: z.literal('template'),
  template: object('template', {
    name: z
      .string({ error: fieldError('template.name', 'a string') })
      .regex(/^[a-z0-9_]+$/, 'template.name may contain only lowercase letters, digits and underscores')
      .max(
        TEMPLATE_LIMITS.nameMaxLength,
        `template.name must be at most ${TEMPLATE_LIMITS.nameMaxLength} characters`,
      ),
    language: object('template.language', {
      code: nonEmpty('template.language.code'),
      policy: z
        .literal('deterministic', { error: 'template.language.policy must be "deterministic"' })
        .optional(),
    }),
    components: templateComponents.optional(),
  }),
  replyTo,
});
