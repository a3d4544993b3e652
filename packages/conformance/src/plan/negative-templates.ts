/**
 * Generated request bodies are templates: the run's flow ID and its trigger time appear as
 * placeholders and are filled in when the request is sent, once the run knows its minute. Both
 * placeholders contain a NUL, which no generated text may contain, so they cannot be faked.
 */
export const FLOW = '\u0000flow\u0000';
export const TIME = '\u0000time\u0000';

export interface TemplateValues {
  flowId: number;
  triggerTime: number;
}

export function render(template: string, values: TemplateValues): string {
  return template
    .replaceAll(FLOW, String(values.flowId))
    .replaceAll(TIME, String(values.triggerTime));
}

/** A JSON object written from already-serialized values, so big literals stay as written. */
export function object(fields: [string, string][]): string {
  return `{${fields.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

export const VALID_BODY = object([
  ['flowId', FLOW],
  ['triggerTime', TIME],
]);

/** A template for people to read: the placeholders shown by name. */
export function display(template: string): string {
  return template.replaceAll(FLOW, '{flowId}').replaceAll(TIME, '{triggerTime}');
}
