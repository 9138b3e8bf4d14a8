const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * The distinct placeholders of a template text in order of appearance: `["1","2"]` for positional
 * templates, `["first_name"]` for named ones. Meta requires positional ones to run 1..n, so their
 * count is the number of parameters a send must supply.
 */
export function templateVariables(text: string | undefined): string[] {
  if (text === undefined) return [];
  const seen = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1] !== undefined) seen.add(match[1]);
  return [...seen];
}

/** The text with each placeholder replaced by its value (unknown ones are left as they are). */
export function hydrateTemplateText(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
}
