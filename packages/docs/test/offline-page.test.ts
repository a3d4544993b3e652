import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocsBuildError } from '../src/errors.js';
import { inlineLogo, inlineRemoteLogo, remoteLogoUrls } from '../src/offline-page.js';
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
