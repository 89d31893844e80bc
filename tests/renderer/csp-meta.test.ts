// The CSP can only reach index.html as a copied string; this keeps the copy honest.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../shared/csp';

const html = readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');

describe('renderer/index.html', () => {
  it('carries exactly the policy of shared/csp.ts in its CSP meta tag (less frame-ancestors, which meta cannot carry)', () => {
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
    expect(metas).toHaveLength(1);
    expect(metas[0]![1]).toBe(metaContentSecurityPolicy);
    expect(contentSecurityPolicy).toBe(`${metaContentSecurityPolicy}; frame-ancestors 'none'`);
  });

  it('has no inline script, no <style> and no style attributes (the CSP would block them)', () => {
    for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(match[1]).toMatch(/\bsrc=/);
      expect(match[2]!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
  });

  it('loads nothing from another origin', () => {
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/gi)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^\.\//);
  });
});
