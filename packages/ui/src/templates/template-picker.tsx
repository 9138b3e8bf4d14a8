import type { SendMessageBody, Template } from '@switchboard/protocol';
import { useSendMessage, useTemplates } from '@switchboard/react';
import { useId, useMemo, useState } from 'react';
import {
  templateErrors,
  templateFields,
  templatePreview,
  templateSendBody,
  type TemplateValues,
} from './template-form.js';

export interface TemplatePickerProps {
  conversationId: string;
  channelId: string;
  /** Why templates are offered (the window is closed, or WhatsApp said so for a message). */
  reason: string;
  onSent?: (body: SendMessageBody) => void;
  /** Back to free text (only offered while the window is open). */
  onCancel?: (() => void) | undefined;
}

/**
 * The synced templates, searchable, media templates included. Picking one opens a form with a
 * field for every header, body and button parameter and a live preview; the send is checked
 * before it goes (every placeholder filled, WhatsApp's rules for parameter text).
 */
export function TemplatePicker(props: TemplatePickerProps) {
  const { templates, status, error } = useTemplates(props.channelId);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Template | null>(null);
  const searchId = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q
      ? templates.filter((t) => `${t.name} ${t.language} ${t.category ?? ''}`.toLowerCase().includes(q))
      : templates;
  }, [templates, query]);

  if (chosen) {
    return (
      <TemplateForm
        template={chosen}
        conversationId={props.conversationId}
        onBack={() => setChosen(null)}
        onSent={(body) => {
          setChosen(null);
          props.onSent?.(body);
        }}
      />
    );
  }
  return (
    <section className="sb-templates" aria-label="Templates">
      <p className="sb-template-notice">{props.reason}</p>
      <label htmlFor={searchId} className="sb-sr-only">
        Search templates
      </label>
      <input
        id={searchId}
        className="sb-input"
        type="search"
        placeholder="Search templates"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {status === 'loading' && <p>Loading templates…</p>}
      {status === 'error' && (
        <p className="sb-error-text">The templates could not be loaded: {error?.message}</p>
      )}
      {status === 'ready' && templates.length === 0 && (
        <p>No approved templates are synced for this number yet. Ask an administrator to sync them.</p>
      )}
      <ul className="sb-template-list">
        {shown.map((template) => (
          <li key={`${template.name}:${template.language}`}>
            <button type="button" className="sb-button" onClick={() => setChosen(template)}>
              <strong>{template.name}</strong> · {template.language}
              {template.category && ` · ${template.category.toLowerCase()}`}
              {templatePreview(template, {}).headerMedia &&
                ` · ${templatePreview(template, {}).headerMedia} header`}
            </button>
          </li>
        ))}
      </ul>
      {props.onCancel && (
        <div>
          <button type="button" className="sb-button sb-button-small" onClick={props.onCancel}>
            Back to free text
          </button>
        </div>
      )}
    </section>
  );
}

function TemplateForm(props: {
  template: Template;
  conversationId: string;
  onBack: () => void;
  onSent: (body: SendMessageBody) => void;
}) {
  const { template } = props;
  const { send, uploadMedia } = useSendMessage(props.conversationId);
  const fields = useMemo(() => templateFields(template), [template]);
  const [values, setValues] = useState<TemplateValues>(() =>
    Object.fromEntries(fields.filter((f) => f.kind === 'text').map((f) => [f.key, ''])),
  );
  const [tried, setTried] = useState(false);
  const [upload, setUpload] = useState<{ key: string; progress: number; error: string | null } | null>(null);
  const errors = templateErrors(template, values);
  const preview = templatePreview(template, values);
  const formId = useId();
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = () => {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    const body = templateSendBody(template, values);
    send(body);
    props.onSent(body);
  };

  return (
    <form
      className="sb-templates"
      aria-label={`Template ${template.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="sb-template-form">
        <div className="sb-template-fields">
          <strong>
            {template.name} · {template.language}
          </strong>
          {fields.length === 0 && <p>This template has no parameters.</p>}
          {fields.map((field) => {
            const id = `${formId}-${field.key}`;
            const error = tried ? errors[field.key] : undefined;
            if (field.kind === 'media') {
              return (
                <fieldset key={field.key}>
                  <legend>{field.label}</legend>
                  <label>
                    Upload a file
                    <input
                      type="file"
                      accept={field.mediaType === 'document' ? undefined : `${field.mediaType}/*`}
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        if (!file) return;
                        setUpload({ key: field.key, progress: 0, error: null });
                        uploadMedia(file, {
                          onProgress: (sent, total) =>
                            setUpload({ key: field.key, progress: total ? sent / total : 0, error: null }),
                        }).then(
                          (media) => {
                            set(field.key, `media:${media.id}`);
                            setUpload(null);
                          },
                          (err: unknown) =>
                            setUpload({
                              key: field.key,
                              progress: 0,
                              error: err instanceof Error ? err.message : String(err),
                            }),
                        );
                      }}
                    />
                  </label>
                  {upload?.key === field.key && upload.error === null && (
                    <progress
                      className="sb-progress"
                      value={upload.progress}
                      max={1}
                      aria-label="Upload progress"
                    />
                  )}
                  {upload?.key === field.key && upload.error && (
                    <span className="sb-field-error">{upload.error}</span>
                  )}
                  <label htmlFor={id}>or its https link</label>
                  <input
                    id={id}
                    className="sb-input"
                    value={values[field.key]?.startsWith('media:') ? '' : (values[field.key] ?? '')}
                    placeholder={values[field.key]?.startsWith('media:') ? 'File uploaded' : 'https://…'}
                    onChange={(e) => set(field.key, e.target.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error && (
                    <span id={`${id}-error`} className="sb-field-error">
                      {error}
                    </span>
                  )}
                </fieldset>
              );
            }
            return (
              <label key={field.key} htmlFor={id}>
                {field.label}
                <input
                  id={id}
                  className="sb-input"
                  value={values[field.key] ?? ''}
                  placeholder={field.example ?? ''}
                  onChange={(e) => set(field.key, e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
                {error && (
                  <span id={`${id}-error`} className="sb-field-error">
                    {error}
                  </span>
                )}
              </label>
            );
          })}
        </div>
        <div className="sb-template-preview" aria-label="Preview" role="group">
          {preview.headerMedia && <div className="sb-media-box">{preview.headerMedia}</div>}
          {preview.header && <div className="sb-template-preview-header">{preview.header}</div>}
          <div>{preview.body}</div>
          {preview.footer && <div className="sb-template-preview-footer">{preview.footer}</div>}
          {preview.buttons.length > 0 && (
            <div className="sb-card-buttons">
              {preview.buttons.map((b, i) => (
                <span key={i} className="sb-card-button">
                  {b}
                </span>
              ))}
            </div>
          )}
        </div>
      </div>
      {tried && Object.keys(errors).length > 0 && (
        <p className="sb-error-text" role="alert">
          Fill in every field before sending.
        </p>
      )}
      <div className="sb-composer-bar">
        <button type="button" className="sb-button" onClick={props.onBack}>
          Other template
        </button>
        <button
          type="submit"
          className="sb-button sb-button-primary"
          disabled={upload !== null && upload.error === null}
        >
          Send template
        </button>
      </div>
    </form>
  );
}
