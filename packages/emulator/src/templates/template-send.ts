/** Parameter types of a template send (Meta's template parameter object). */
export type TemplateParameterType =
  | 'text'
  | 'currency'
  | 'date_time'
  | 'image'
  | 'video'
  | 'document'
  | 'location'
  | 'payload'
  | 'coupon_code'
  | 'action';

/** One parameter of a template send, already checked for shape by the Graph layer. */
export interface TemplateSendParameter {
  readonly type: TemplateParameterType;
  /** `parameter_name`, for templates with NAMED parameters. */
  readonly name: string | undefined;
  /** What the parameter puts into the text: `text`, or the `fallback_value` of currency and date_time. */
  readonly text: string | undefined;
}

export interface TemplateSendComponent {
  /** Where the component sits in the request, for error details (`template['components'][1]`). */
  readonly path: string;
  readonly parameters: readonly TemplateSendParameter[];
}

export interface TemplateSendButton extends TemplateSendComponent {
  /** Position of the button in the template's BUTTONS component. */
  readonly index: number;
  /** `sub_type`, lowercased: quick_reply, url, copy_code, flow, catalog, mpm. */
  readonly subType: string;
}

/** The template part of `POST /{phone-number-id}/messages`, as checked against the definition. */
export interface TemplateSend {
  readonly name: string;
  readonly languageCode: string;
  readonly header: TemplateSendComponent | undefined;
  readonly body: TemplateSendComponent | undefined;
  readonly buttons: readonly TemplateSendButton[];
}
