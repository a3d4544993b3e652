/**
 * Makes Redocly's page fully offline. With `--inlineBundle` every script and style is inside
 * the page, but the "API docs by Redocly" attribution in the sidebar still loads its logo from
 * Redocly's CDN at run time, and no Redocly option turns it off. The build swaps those
 * addresses for an inline SVG that spells the same name, so the attribution stays and no
 * request leaves the page.
 */
import { DocsBuildError } from './errors.js';

/** The logo addresses in the Redoc bundle of @redocly/cli 2.77.0. */
export const remoteLogoUrls = [
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg',
] as const;

/**
 * The replacement: a small SVG wordmark as a data: URL. It sits inside a JavaScript template
 * literal in the bundle, so it holds neither a backtick nor `${`.
 */
export const inlineLogo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
    '<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" ' +
    'fill="#6b7280">Redocly</text></svg>',
)}`;

/** Replace every remote logo address in the built page; fail if one is gone (a new Redocly). */
export function inlineRemoteLogo(html: string): string {
  let page = html;
  for (const url of remoteLogoUrls) {
    if (!page.includes(url)) {
      throw new DocsBuildError(
        `The built page no longer contains ${url}. Redocly's bundle changed: find what the ` +
          'page now fetches (the browser test lists every request) and update ' +
          'src/offline-page.ts.',
      );
    }
    page = page.replaceAll(url, inlineLogo);
  }
  return page;
}
