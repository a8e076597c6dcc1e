import { describe, expect, it } from 'vitest';
import { codePointName, defang, displayText, revealInvisible } from '@/lib/security/display-text';

describe('defang (one link)', () => {
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
    ['https://evil\u3002example/x', 'hxxps://evil[\u3002]example/x'],
  ])('%s → %s', (input, expected) => {
    expect(defang(input)).toBe(expected);
  });

  it('leaves no fetchable scheme or dotted host in anything it returns', () => {
    const inputs = ['https://a.b.c/d', 'HtTp://x.y', 'https://x.y/?next=http://z.w', 'ftp://f.g', 'www.q.r', '//s.t/u', 'http://[::1]/x'];
    for (const input of inputs) {
      const out = defang(input);
      expect(out).not.toMatch(/\b(https?|ftp):\/\//i);
      expect(out.split(/[/?#]/)[0]!.replace(/^[a-z]+:\/\//i, '')).not.toMatch(/[^[]\.[^\]]/);
    }
  });

  it('shows bidi overrides and zero-width characters instead of letting them hide text', () => {
    expect(defang('https://exa\u202Emple.com/\u200Bx')).toBe('hxxps://exa⟨U+202E⟩mple[.]com/⟨U+200B⟩x');
  });

  it('keeps plain words as they are', () => {
    expect(defang('no link here')).toBe('no link here');
  });
});

describe('revealInvisible', () => {
  it('escapes every bidi and invisible format character the issue names, as ⟨U+XXXX⟩', () => {
    const named = [
      ...range(0x200b, 0x200f),
      ...range(0x202a, 0x202e),
      ...range(0x2066, 0x2069),
      0xfeff,
    ];
    for (const cp of named) {
      expect(revealInvisible(`a${String.fromCodePoint(cp)}b`)).toBe(`a⟨${codePointName(cp)}⟩b`);
    }
    expect(revealInvisible('a\u0000b\uFEFFc')).toBe('a⟨U+0000⟩b⟨U+FEFF⟩c');
    // Tag characters smuggle invisible ASCII; they are shown too (five hex digits).
    expect(revealInvisible('ok\u{E0041}')).toBe('ok⟨U+E0041⟩');
  });

  it('leaves visible text, tabs and line breaks alone, in every script', () => {
    const text = 'Привет, Καλημέρα, مرحبا, 你好, こんにちは, 안녕 — “ok”\n\tnext line 😀';
    expect(revealInvisible(text)).toBe(text);
  });

  it('turns an RTL-override file name trick into visible text', () => {
    expect(revealInvisible('photo_\u202Egpj.exe')).toBe('photo_⟨U+202E⟩gpj.exe');
  });
});

describe('displayText (free text)', () => {
  it.each([
    ['@http://127.0.0.1:39251/evil.jpg', '@hxxp://127[.]0[.]0[.]1:39251/evil.jpg'],
    ['He posts at https://files.example.com/a.jpg every night', 'He posts at hxxps://files[.]example[.]com/a.jpg every night'],
    ['see www.example.com/album or evil.example/x.', 'see www[.]example[.]com/album or evil[.]example/x.'],
    ['ping 10.0.0.1:8080/x now', 'ping 10[.]0[.]0[.]1:8080/x now'],
    ['mail me at kid@example.com', 'mail me at kid@example[.]com'],
    ['(javascript:alert(1))', '(javascript[:]alert(1))'],
    ['link://cdn.example.net/i.png', 'link[:]//cdn[.]example[.]net/i.png'],
    ['from //cdn.example.net/i.png', 'from [//]cdn[.]example[.]net/i.png'],
    ['пример.рф и xn--e1afmkfd.xn--p1ai', 'пример[.]рф и xn--e1afmkfd[.]xn--p1ai'],
    ['evil\u202Egpj.exe', 'evil⟨U+202E⟩gpj[.]exe'],
    ['ht\u200Btps://evil.example', 'ht⟨U+200B⟩tps[:]//evil[.]example'],
  ])('%s → %s', (input, expected) => {
    expect(displayText(input)).toBe(expected);
  });

  it('keeps ordinary prose, numbers and CJK punctuation as written', () => {
    for (const text of [
      'He said he would meet her tonight at 8pm, e.g. after school.',
      'Version 1.2.3 costs 3.50 and pi is 3.14',
      '我看到了。然后他说明天见。',
      'Ends with a full stop.',
      '',
    ]) {
      expect(displayText(text)).toBe(text);
    }
  });

  it('leaves no live link in any output', () => {
    const hostile = [
      'x https://a.b/c y',
      '@http://127.0.0.1:39251/evil.jpg',
      'HTTP://EVIL.EXAMPLE',
      'see:https://a.example',
      'xhttps://a.example',
      'www.a.example',
      'a.example/x',
    ];
    for (const text of hostile) {
      const out = displayText(text);
      expect(out).not.toMatch(/(https?|ftp):\/\//i);
      // No host is left whole (the path after it may keep its dots: `/evil.jpg`).
      expect(out).not.toMatch(/(:\/\/|^|[\s@(])[a-z0-9-]+\.[a-z0-9]/i);
    }
  });

  it('stays fast on long hostile input', () => {
    const text = `${'a.'.repeat(5000)} ${'x'.repeat(10_000)} ${'1.'.repeat(5000)} ${'http://'.repeat(1000)}`;
    const started = performance.now();
    displayText(text);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
