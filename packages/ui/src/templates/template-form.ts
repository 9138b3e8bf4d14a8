import type { SendMessageBody, Template } from '@switchboard/protocol';

/**
 * A synced template read as a form: one field per placeholder of its header, body and buttons
 * (positional `{{1}}` or named `{{first_name}}`), a media field for a media header, and the send
 * body built from what the agent filled in. Meta's component shapes are described in
 * docs/sending.md (templates).
 */
export interface TemplateField {
  readonly key: string;
  readonly component: 'header' | 'body' | 'button';
  readonly label: string;
  readonly kind: 'text' | 'media';
  readonly mediaType?: 'image' | 'video' | 'document';
  /** Placeholder name for named parameters; null for positional ones. */
  readonly name: string | null;
  readonly buttonIndex?: number;
  readonly buttonType?: 'url' | 'copy_code';
  readonly example: string | null;
}

interface MetaComponent {
  type?: string;
  format?: string;
  text?: string;
  example?: {
    header_text?: string[];
    body_text?: string[][];
    body_text_named_params?: { param_name: string; example: string }[];
    header_text_named_params?: { param_name: string; example: string }[];
  };
  buttons?: { type?: string; text?: string; url?: string; example?: string[] | string }[];
}

const placeholder = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const components = (template: Template) => template.components as MetaComponent[];
const find = (template: Template, type: string) =>
  components(template).find((c) => c.type?.toUpperCase() === type);
const placeholders = (text: string | undefined) => [
  ...new Set([...(text ?? '').matchAll(placeholder)].map((m) => m[1]!)),
];
const named = (name: string) => !/^\d+$/.test(name);

export function templateFields(template: Template): TemplateField[] {
  const fields: TemplateField[] = [];
  const header = find(template, 'HEADER');
  const format = header?.format?.toUpperCase() ?? 'TEXT';
  if (header && (format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT')) {
    const mediaType = format.toLowerCase() as 'image' | 'video' | 'document';
    fields.push({
      key: 'header:media',
      component: 'header',
      label: `Header ${mediaType}`,
      kind: 'media',
      mediaType,
      name: null,
      example: null,
    });
  } else if (header) {
    placeholders(header.text).forEach((name, i) => {
      const example =
        header.example?.header_text_named_params?.find((p) => p.param_name === name)?.example ??
        header.example?.header_text?.[i] ??
        null;
      fields.push({
        key: `header:${name}`,
        component: 'header',
        label: `Header {{${name}}}`,
        kind: 'text',
        name: named(name) ? name : null,
        example,
      });
    });
  }
  const body = find(template, 'BODY');
  placeholders(body?.text).forEach((name, i) => {
    const example =
      body?.example?.body_text_named_params?.find((p) => p.param_name === name)?.example ??
      body?.example?.body_text?.[0]?.[i] ??
      null;
    fields.push({
      key: `body:${name}`,
      component: 'body',
      label: `Body {{${name}}}`,
      kind: 'text',
      name: named(name) ? name : null,
      example,
    });
  });
  (find(template, 'BUTTONS')?.buttons ?? []).forEach((button, index) => {
    const type = button.type?.toUpperCase();
    if (type === 'URL' && placeholders(button.url).length > 0) {
      fields.push({
        key: `button:${index}`,
        component: 'button',
        label: `Link of “${button.text ?? 'button'}”`,
        kind: 'text',
        name: null,
        buttonIndex: index,
        buttonType: 'url',
        example: Array.isArray(button.example) ? (button.example[0] ?? null) : (button.example ?? null),
      });
    } else if (type === 'COPY_CODE') {
      fields.push({
        key: `button:${index}`,
        component: 'button',
        label: 'Code to copy',
        kind: 'text',
        name: null,
        buttonIndex: index,
        buttonType: 'copy_code',
        example: Array.isArray(button.example) ? (button.example[0] ?? null) : (button.example ?? null),
      });
    }
  });
  return fields;
}

/** What the agent filled in: text by field key; a media header as an uploaded media id or a link. */
export type TemplateValues = Readonly<Record<string, string>>;

/** Every field must be filled, and a media header must be an uploaded file or an https link. */
export function templateErrors(template: Template, values: TemplateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of templateFields(template)) {
    const value = (values[field.key] ?? '').trim();
    if (!value) {
      errors[field.key] =
        field.kind === 'media' ? `Attach the ${field.mediaType} or give its https link.` : 'Fill this in.';
    } else if (field.kind === 'text' && /[\n\t]/.test(value)) {
      // WhatsApp refuses parameters with line breaks or tabs (132018).
      errors[field.key] = 'No line breaks or tabs in a parameter.';
    } else if (field.kind === 'text' && / {5,}/.test(value)) {
      errors[field.key] = 'No more than four spaces in a row.';
    } else if (field.kind === 'media' && !value.startsWith('media:') && !/^https:\/\//i.test(value)) {
      errors[field.key] = 'Give an https link, or attach a file.';
    }
  }
  return errors;
}

export interface TemplatePreview {
  header: string | null;
  /** The media type of a media header. */
  headerMedia: string | null;
  body: string;
  footer: string | null;
  buttons: string[];
}

/** The message as the customer will see it, placeholders filled in (or shown as `{{1}}`). */
export function templatePreview(template: Template, values: TemplateValues): TemplatePreview {
  const fill = (component: string, text: string | undefined) =>
    (text ?? '').replace(
      placeholder,
      (whole, name: string) => values[`${component}:${name}`]?.trim() || whole,
    );
  const header = find(template, 'HEADER');
  const format = header?.format?.toUpperCase() ?? 'TEXT';
  return {
    header: header && format === 'TEXT' ? fill('header', header.text) : null,
    headerMedia: header && format !== 'TEXT' ? format.toLowerCase() : null,
    body: fill('body', find(template, 'BODY')?.text),
    footer: find(template, 'FOOTER')?.text ?? null,
    buttons: (find(template, 'BUTTONS')?.buttons ?? []).map((b) => b.text ?? b.type ?? 'Button'),
  };
}

/** The send body (`type: template`) for the values, which must have passed `templateErrors`. */
export function templateSendBody(template: Template, values: TemplateValues): SendMessageBody {
  const fields = templateFields(template);
  const out: Record<string, unknown>[] = [];
  const text = (field: TemplateField) => ({
    type: 'text' as const,
    ...(field.name !== null && { parameter_name: field.name }),
    text: (values[field.key] ?? '').trim(),
  });
  const headerFields = fields.filter((f) => f.component === 'header');
  const media = headerFields.find((f) => f.kind === 'media');
  if (media?.mediaType) {
    const value = (values[media.key] ?? '').trim();
    const source = value.startsWith('media:') ? { id: value.slice('media:'.length) } : { link: value };
    out.push({ type: 'header', parameters: [{ type: media.mediaType, [media.mediaType]: source }] });
  } else if (headerFields.length > 0) {
    out.push({ type: 'header', parameters: headerFields.map(text) });
  }
  const bodyFields = fields.filter((f) => f.component === 'body');
  if (bodyFields.length > 0) out.push({ type: 'body', parameters: bodyFields.map(text) });
  for (const field of fields.filter((f) => f.component === 'button')) {
    const value = (values[field.key] ?? '').trim();
    out.push({
      type: 'button',
      sub_type: field.buttonType,
      index: String(field.buttonIndex),
      parameters: [
        field.buttonType === 'copy_code'
          ? { type: 'coupon_code', coupon_code: value }
          : { type: 'text', text: value },
      ],
    });
  }
  return {
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      ...(out.length > 0 && { components: out }),
    },
  } as SendMessageBody;
}
