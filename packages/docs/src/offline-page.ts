/**
 * Finishes Redocly's page for a reader who has it offline and reads it at once.
 *
 * - Offline: with `--inlineBundle` every script and style is inside the page, but the "API docs
 *   by Redocly" attribution in the sidebar still loads its logo from Redocly's CDN at run time,
 *   and no Redocly option turns it off. The build swaps those addresses for an inline SVG that
 *   spells the same name, so the attribution stays and no request leaves the page.
 * - At once: `readerHead` goes at the end of the page's <head>; see there.
 *
 * Each step checks that the page still has what it changes, and stops the build if a Redocly
 * upgrade took it away, rather than ship a page nobody checked.
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

/**
 * The CSS variable that caps the height of every code block in Redoc 3.0.1 (Redocly CLI
 * 2.77.0): `max-height: var(--code-block-max-height, 600px)`, set on :root to
 * `calc(100vh - 300px)`, 600 px in a 900 px window. A taller sample (the curl one, the Java one)
 * then scrolls inside its block, hiding its signing or its `main()`. No Redocly option sets it.
 */
export const codeBlockCap = '--code-block-max-height';

/**
 * An empty icon: without one, a browser asks the server for /favicon.ico on load, and the docs
 * server (or a file: URL) answers 404, which the console logs.
 */
export const emptyFavicon = '<link rel="icon" href="data:,">';

/**
 * Redoc 3 mounts each section of the page only when it comes near the viewport (an
 * IntersectionObserver; a placeholder until then), so on load browser find cannot reach the
 * operations, their error tables or their samples. The page documents two operations: this
 * script, run before Redoc starts, tells every observer once, as soon as it observes an
 * element, that the element is in view, so every section mounts at load. The observers then
 * work as usual. The browser test checks the result: everything is findable without a scroll.
 */
export const mountEverySection = `(() => {
  const Observer = window.IntersectionObserver;
  if (!Observer) return;
  window.IntersectionObserver = class extends Observer {
    constructor(callback, options) {
      super(callback, options);
      const observe = this.observe.bind(this);
      this.observe = (target) => {
        observe(target);
        const inView = { target, isIntersecting: true, intersectionRatio: 1 };
        queueMicrotask(() => callback([inView], this));
      };
    }
  };
})();`;

/** What the build adds at the end of the page's <head>. */
export const readerHead = [
  emptyFavicon,
  // Code samples are shown whole, however long: no scrolling inside a sample. (html:root
  // outranks Redoc's own :root rule wherever its style sits.)
  `<style>html:root { ${codeBlockCap}: none; }</style>`,
  `<script>${mountEverySection}</script>`,
].join('\n');

/**
 * Add `readerHead` at the end of the page's <head>, the first one: the inlined bundle's own
 * text holds more. Fails if the page has no <head> or if Redoc's code blocks no longer read
 * `codeBlockCap` (a new Redocly: the samples would scroll again).
 */
export function addReaderHead(html: string): string {
  const end = html.indexOf('</head>');
  const firstScript = html.indexOf('<script');
  if (end === -1 || (firstScript !== -1 && firstScript < end)) {
    throw new DocsBuildError(
      "The built page has no <head> before its first script. Redocly's page template " +
        'changed: update src/offline-page.ts.',
    );
  }
  if (!html.includes(`var(${codeBlockCap}`)) {
    throw new DocsBuildError(
      `Redoc's code blocks no longer read ${codeBlockCap}. Redocly's bundle changed: find what ` +
        'caps their height now (the browser test measures every sample) and update ' +
        'src/offline-page.ts.',
    );
  }
  return `${html.slice(0, end)}${readerHead}\n${html.slice(end)}`;
}

/** Every step above, in order: the page the build ships. */
export function finishPage(html: string): string {
  return addReaderHead(inlineRemoteLogo(html));
}
