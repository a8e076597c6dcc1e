import { describe, expect, it } from 'vitest';
import { defang, revealInvisible } from '@/lib/cases/defang';

describe('defang', () => {
  it.each([
    ['https://example.com/a/b.jpg', 'hxxps://example[.]com/a/b.jpg'],
    ['http://example.com', 'hxxp://example[.]com'],
    ['HTTPS://Files.Example.com/x?y=1#z', 'hxxps://Files[.]Example[.]com/x?y=1#z'],
    ['http://127.0.0.1:8080/page.html', 'hxxp://127[.]0[.]0[.]1:8080/page.html'],
    ['ftp://files.example.org/pub', 'fxp://files[.]example[.]org/pub'],
    ['https://user@evil.example/x', 'hxxps://user[@]evil[.]example/x'],
    ['https://a.example/?u=https://b.example/c', 'hxxps://a[.]example/?u=hxxps[:]//b.example/c'],
    ['www.example.com/album/77', 'www[.]example[.]com/album/77'],
    ['example.com:8080/x', 'example[.]com:8080/x'],
    ['//cdn.example.net/i.png', '[//]cdn[.]example[.]net/i.png'],
    ['javascript:alert(1)', 'javascript[:]alert(1)'],
    ['data:image/png;base64,AAAA', 'data[:]image/png;base64,AAAA'],
    ['mailto:someone@example.com', 'mailto[:]someone[@]example[.]com'],
    ['https:\\\\evil.example\\x', 'hxxps:\\\\evil[.]example\\x'],
    ['http:/evil.example/x', 'hxxp:/evil[.]example/x'],
    ['  https://example.com/ ', 'hxxps://example[.]com/'],
  ])('%s → %s', (input, expected) => {
    expect(defang(input)).toBe(expected);
  });

  it('leaves no fetchable scheme or dotted host in anything it returns', () => {
    const inputs = [
      'https://a.b.c/d',
      'HtTp://x.y',
      'https://x.y/?next=http://z.w',
      'ftp://f.g',
      'www.q.r',
      '//s.t/u',
      'http://[::1]/x',
    ];
    for (const input of inputs) {
      const out = defang(input);
      expect(out).not.toMatch(/\b(https?|ftp):\/\//i);
      expect(out.split(/[/?#]/)[0]!.replace(/^[a-z]+:\/\//i, '')).not.toMatch(/[^[]\.[^\]]/);
    }
  });

  it('shows bidi overrides and zero-width characters instead of letting them hide text', () => {
    expect(defang('https://exa\u202Emple.com/\u200Bx')).toBe('hxxps://exa[U+202E]mple[.]com/[U+200B]x');
    expect(revealInvisible('a\u0000b\uFEFFc')).toBe('a[U+0000]b[U+FEFF]c');
  });

  it('keeps plain words as they are', () => {
    expect(defang('no link here')).toBe('no link here');
  });
});
