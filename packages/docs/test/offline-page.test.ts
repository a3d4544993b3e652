import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocsBuildError } from '../src/errors.js';
import {
  addReaderHead,
  codeBlockCap,
  emptyFavicon,
  inlineLogo,
  inlineRemoteLogo,
  readerHead,
  remoteLogoUrls,
} from '../src/offline-page.js';
import { paths } from '../src/paths.js';

const built = readFileSync(paths.html, 'utf8');

describe('the offline step', () => {
  it('swaps every remote logo address for the inline one', () => {
    const page = `<img src="${remoteLogoUrls[0]}"><img src="${remoteLogoUrls[1]}">${remoteLogoUrls[1]}`;
    const offline = inlineRemoteLogo(page);
    for (const url of remoteLogoUrls) expect(offline).not.toContain(url);
    expect(offline.split(inlineLogo)).toHaveLength(4);
  });

  it('fails with a DocsBuildError when a logo address is gone (a changed Redocly bundle)', () => {
    expect(() => inlineRemoteLogo(`<img src="${remoteLogoUrls[0]}">`)).toThrow(DocsBuildError);
    expect(() => inlineRemoteLogo('<p>no logo</p>')).toThrow(/update src\/offline-page.ts/);
  });

  it('makes an inline logo that fits in the JavaScript template literal it replaces into', () => {
    expect(inlineLogo.startsWith('data:image/svg+xml,')).toBe(true);
    expect(inlineLogo).not.toMatch(/`|\$\{/);
  });

  it('left the built page with the inline logo and no remote one, its scripts inlined', () => {
    for (const url of remoteLogoUrls) expect(built).not.toContain(url);
    expect(built).toContain(inlineLogo);
    expect(built).not.toMatch(/<script[^>]+src=/);
    expect(built).not.toMatch(/<link[^>]+href=["']https?:/);
  });
});

describe("the reader's head", () => {
  const page = (head: string, body = '<script type="module">hydrate()</script>') =>
    `<!DOCTYPE html><html><head><title>t</title>${head}</head><body>${body}</body></html>`;
  const redocStyle = `<style>:root{${codeBlockCap}:calc(100vh - 300px)}pre{max-height:var(${codeBlockCap}, 600px)}</style>`;

  it('goes at the end of the <head>, before any script of the page', () => {
    const finished = addReaderHead(page(redocStyle));
    expect(finished).toContain(`${redocStyle}${readerHead}\n</head>`);
    expect(finished.indexOf(readerHead)).toBeLessThan(finished.indexOf('<script type="module">'));
  });

  it('goes into the page\'s own <head>, not into a "</head>" in the bundle\'s text', () => {
    const finished = addReaderHead(page(redocStyle, '<script>const t = "</head>";</script>'));
    expect(finished.split(readerHead)).toHaveLength(2);
    expect(finished.indexOf(readerHead)).toBeLessThan(finished.indexOf('<body>'));
  });

  it('fails with a DocsBuildError when the page has no <head> before its scripts', () => {
    expect(() => addReaderHead('<script>x</script></head>')).toThrow(DocsBuildError);
    expect(() => addReaderHead('<body>no head</body>')).toThrow(/no <head>/);
  });

  it("fails with a DocsBuildError when Redoc's code blocks no longer read the height cap", () => {
    expect(() => addReaderHead(page('<style>pre{max-height:600px}</style>'))).toThrow(
      new RegExp(`no longer read ${codeBlockCap}`),
    );
  });

  it('left the built page with it in its head, once, with an icon that is no request', () => {
    const head = built.slice(0, built.indexOf('</head>'));
    expect(head.endsWith(`${readerHead}\n`)).toBe(true);
    expect(built.split(readerHead)).toHaveLength(2);
    expect(emptyFavicon).toMatch(/^<link rel="icon" href="data:[^"]*">$/);
  });

  it("lifts the cap that Redoc's own code blocks read in the built page (its markup is checked)", () => {
    // Redoc sets the cap on :root and its code blocks read it; the head sets it to none.
    expect(built).toMatch(new RegExp(`:root\\{[^}]*${codeBlockCap}:calc\\(`));
    expect(built).toContain(`max-height: \${({$maxHeight:e})=>e||`);
    expect(built).toContain(`var(${codeBlockCap}, 600px)`);
    expect(readerHead).toContain(`html:root { ${codeBlockCap}: none; }`);
  });
});
