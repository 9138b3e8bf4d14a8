import { INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH, INTERACTIVE_LIMITS } from '@switchboard/whatsapp';
import { z } from 'zod';
import {
  httpUrl,
  list,
  mediaSource,
  nonEmpty,
  notAnObject,
  object,
  replyTo,
  text,
  unique,
} from './send-request-fields.js';

/** Interactive messages in send bodies (send-request.ts): the Cloud API objects, field names kept. */
// ——— interactive (Cloud API interactive objects) ———

const ia = 'interactive';

// The literal's message shows only for a list, whose header is text alone; elsewhere the union answers.
const textHeader = object(`${ia}.header`, {
  type: z.literal('text', { error: `${ia}.header.type must be "text" in a list message` }),
  text: text(`${ia}.header.text`, INTERACTIVE_LIMITS.headerTextMaxLength),
});
const imageHeader = object(`${ia}.header`, {
  type: z.literal('image'),
  image: mediaSource(`${ia}.header.image`),
});
const videoHeader = object(`${ia}.header`, {
  type: z.literal('video'),
  video: mediaSource(`${ia}.header.video`),
});
const documentHeader = object(`${ia}.header`, {
  type: z.literal('document'),
  document: mediaSource(`${ia}.header.document`, {
    filename: nonEmpty(`${ia}.header.document.filename`).optional(),
  }),
});
const anyHeader = z.discriminatedUnion('type', [textHeader, imageHeader, videoHeader, documentHeader], {
  error: (issue) =>
    notAnObject(issue.input)
      ? `${ia}.header must be an object`
      : `${ia}.header.type must be one of text, image, video, document`,
});

const interactiveBody = object(`${ia}.body`, {
  text: text(`${ia}.body.text`, INTERACTIVE_LIMITS.bodyMaxLength),
});
const interactiveFooter = object(`${ia}.footer`, {
  text: text(`${ia}.footer.text`, INTERACTIVE_LIMITS.footerMaxLength),
}).optional();

const replyButton = object(`${ia}.action.buttons[]`, {
  type: z.literal('reply', { error: `${ia}.action.buttons[].type must be "reply"` }),
  reply: object(`${ia}.action.buttons[].reply`, {
    id: text(`${ia}.action.buttons[].reply.id`, INTERACTIVE_LIMITS.buttonIdMaxLength),
    title: text(`${ia}.action.buttons[].reply.title`, INTERACTIVE_LIMITS.buttonTitleMaxLength),
  }),
});

const buttonInteractive = object(ia, {
  type: z.literal('button'),
  header: anyHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter,
  action: object(`${ia}.action`, {
    buttons: list(`${ia}.action.buttons`, replyButton, 1, INTERACTIVE_LIMITS.maxButtons).refine(
      (buttons) => unique(buttons.map((b) => b.reply.id)),
      `${ia}.action.buttons[].reply.id must be unique`,
    ),
  }),
});

const listRow = object(`${ia}.action.sections[].rows[]`, {
  id: text(`${ia}.action.sections[].rows[].id`, INTERACTIVE_LIMITS.rowIdMaxLength),
  title: text(`${ia}.action.sections[].rows[].title`, INTERACTIVE_LIMITS.rowTitleMaxLength),
  description: text(
    `${ia}.action.sections[].rows[].description`,
    INTERACTIVE_LIMITS.rowDescriptionMaxLength,
  ).optional(),
});
const listSection = object(`${ia}.action.sections[]`, {
  title: text(`${ia}.action.sections[].title`, INTERACTIVE_LIMITS.sectionTitleMaxLength).optional(),
  rows: list(`${ia}.action.sections[].rows`, listRow, 1),
});

/** Rows are limited across all sections; a title is required once there are several sections. */
const listSections = list(`${ia}.action.sections`, listSection, 1, INTERACTIVE_LIMITS.maxSections)
  .refine(
    (sections) => sections.reduce((n, s) => n + s.rows.length, 0) <= INTERACTIVE_LIMITS.maxRows,
    `${ia}.action.sections must hold at most ${INTERACTIVE_LIMITS.maxRows} rows in total`,
  )
  .refine(
    (sections) => unique(sections.flatMap((s) => s.rows.map((r) => r.id))),
    `${ia}.action.sections[].rows[].id must be unique across all sections`,
  )
  .refine(
    (sections) => sections.length === 1 || sections.every((s) => s.title !== undefined),
    `${ia}.action.sections[].title is required when there is more than one section`,
  );

const listInteractive = object(ia, {
  type: z.literal('list'),
  header: textHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter,
  action: object(`${ia}.action`, {
    button: text(`${ia}.action.button`, INTERACTIVE_LIMITS.listButtonMaxLength),
    sections: listSections,
  }),
});

const ctaUrlInteractive = object(ia, {
  type: z.literal('cta_url'),
  header: anyHeader.optional(),
  body: interactiveBody,
  footer: interactiveFooter,
  action: object(`${ia}.action`, {
    name: z.literal('cta_url', { error: `${ia}.action.name must be "cta_url"` }),
    parameters: object(`${ia}.action.parameters`, {
      display_text: text(`${ia}.action.parameters.display_text`, INTERACTIVE_CTA_URL_DISPLAY_TEXT_MAX_LENGTH),
      url: httpUrl(`${ia}.action.parameters.url`),
    }),
  }),
});

export const interactiveMember = object('the request body', {
  type: z.literal('interactive'),
  interactive: z.discriminatedUnion('type', [buttonInteractive, listInteractive, ctaUrlInteractive], {
    error: (issue) =>
      notAnObject(issue.input)
        ? `${ia} must be an object`
        : `${ia}.type must be one of button, list, cta_url`,
  }),
  replyTo,
});
