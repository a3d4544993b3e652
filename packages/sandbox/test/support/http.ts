/** A raw HTTP client for tests: any method, headers and body, nothing added behind our back. */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the body in pieces without a Content-Length (chunked). */
  chunked?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined && !req.chunked && headers['content-length'] === undefined) {
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const out = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        path: req.path,
        agent,
        headers,
        method: req.method ?? 'POST',
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    if (req.body !== undefined && req.chunked) {
      const body = Buffer.from(req.body);
      const step = Math.max(1, Math.ceil(body.length / 4));
      for (let i = 0; i < body.length; i += step) out.write(body.subarray(i, i + step));
      out.end();
    } else {
      out.end(req.body);
    }
  });
}
