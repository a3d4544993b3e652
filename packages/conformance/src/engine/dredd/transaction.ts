/** The parts of a Dredd 14 transaction object the hooks read and write. */
export interface DreddTransaction {
  name: string;
  id: string;
  fullPath: string;
  request: { method: string; uri: string; headers: Record<string, string>; body: string };
  expected: {
    statusCode?: string;
    headers?: Record<string, string>;
    body?: string;
    bodySchema?: unknown;
  };
  real?: {
    statusCode: number;
    headers: Record<string, string>;
    body?: string;
    bodyEncoding?: string;
  };
  skip?: boolean;
  fail?: boolean | string;
  results?: {
    fields?: Record<
      string,
      | { valid: boolean; errors?: { message?: string; location?: { pointer?: unknown } }[] }
      | undefined
    >;
  };
}

/** A header's value whatever the case of its name. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
