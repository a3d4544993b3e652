/**
 * Who may use the proxy. It signs with the app's credentials for anyone who reaches it, so it
 * listens on 127.0.0.1 only, and refuses the two ways a web page in a browser on this machine
 * could still reach it: a cross-site request (a browser marks it with `Origin` or
 * `Sec-Fetch-Site`), and DNS rebinding (a Host that is not this machine's loopback address).
 * curl, Postman, Respect and other programs send neither.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The reason a request is refused, or undefined for one the proxy serves. */
export function callerRefusal(headers: IncomingHttpHeaders, port: number): string | undefined {
  const host = headers.host?.toLowerCase();
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (host === undefined || !hosts.includes(host)) {
    return `The proxy answers only requests addressed to ${hosts[0]} (Host header): a request for another host name is refused, so that no web page can reach it through DNS.`;
  }
  const site = headers['sec-fetch-site'];
  if (headers.origin !== undefined || (site !== undefined && site !== 'none')) {
    return 'The proxy refuses requests a web browser sends (Origin or Sec-Fetch-Site headers): a web page must not call EnOS with your credentials. Call it from curl, Postman or a program.';
  }
  return undefined;
}
