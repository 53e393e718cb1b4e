import { describe, expect, it } from 'vitest';
import { completePageBytes, completePagePolicy } from '../src/integrations/security-headers.ts';

const page = (style: string, script = 'console.log("تحقيق")') =>
  `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta http-equiv="content-security-policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;; style-src &#39;self&#39;"><style>${style}</style></head>` +
  `<body><h1>غارة الضمير</h1><script>${script}</script><script type="application/ld+json">{"name":"ادعاء"}</script><script src="/x.js"></script><p>«مات خالد المسعود»</p></body></html>`;

describe('completing a page\'s policy from its bytes', () => {
  it('hashes inline scripts and styles with non-ASCII text exactly as the decoded page does, and rewrites the same bytes', () => {
    const html = page('.q::before { content: "«"; } .rtl { direction: rtl }');
    const fromText = completePagePolicy(html);
    const fromBytes = completePageBytes(Buffer.from(html), 'cases/x/index.html');
    expect(fromBytes.policy).toBe(fromText.policy);
    expect(fromBytes.policy).toMatch(/^default-src 'none'; script-src 'self' 'sha256-[^']+'; style-src 'self' 'sha256-[^']+'$/);
    expect(fromBytes.bytes?.toString('utf8')).toBe(fromText.html);
  });

  it('leaves a page whose policy is already complete as it is', () => {
    const done = completePagePolicy(page('a{}')).html;
    expect(completePageBytes(Buffer.from(done), 'x.html').bytes).toBeUndefined();
  });

  it('names the page that has no policy meta', () => {
    expect(() => completePageBytes(Buffer.from('<html><head></head></html>'), 'cases/x/index.html')).toThrow('no Content-Security-Policy meta in cases/x/index.html');
  });
});
