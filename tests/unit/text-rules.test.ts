import { describe, expect, it } from 'vitest';
import { checkWebUrl, findEmbeddedMedia, findTextProblem } from '@/lib/security/text-rules';

describe('findTextProblem', () => {
  it('accepts ordinary text in any script, with tabs and newlines in multi-line text', () => {
    expect(findTextProblem('Привет — مرحبا 你好 🙂')).toBeNull();
    expect(findTextProblem('line one\n\tline two\r\n', { multiLine: true })).toBeNull();
    expect(findTextProblem('he said data is everywhere, look')).toBeNull();
  });
  it('refuses NUL, other C0, DEL and C1 characters, and newlines in single-line text', () => {
    expect(findTextProblem('a\u0000b')).toBe('control_character');
    expect(findTextProblem('a\u0000b', { multiLine: true })).toBe('control_character');
    expect(findTextProblem('a\u001bb', { multiLine: true })).toBe('control_character');
    expect(findTextProblem('a\u007fb')).toBe('control_character');
    expect(findTextProblem('a\u0085b')).toBe('control_character');
    expect(findTextProblem('a\nb')).toBe('control_character');
    expect(findTextProblem('a\uffffb')).toBe('control_character');
  });
  it('refuses lone surrogates but accepts pairs', () => {
    expect(findTextProblem('a\ud800b')).toBe('lone_surrogate');
    expect(findTextProblem('a\udc00')).toBe('lone_surrogate');
    expect(findTextProblem('a\ud83d\ude00')).toBeNull();
  });
  it('refuses data: URIs in any case and spacing', () => {
    expect(findTextProblem('see data:image/png;base64,iVBORw0KGgo=')).toBe('data_uri');
    expect(findTextProblem('DATA: text/plain ; charset=utf-8 ,hello')).toBe('data_uri');
    expect(findTextProblem('data:,hello')).toBe('data_uri');
  });
});

describe('findEmbeddedMedia', () => {
  it('finds data: URIs and base64 media headers, not ordinary text', () => {
    expect(findEmbeddedMedia('<url>data:image/png;base64,iVBOR</url>')).toMatch(/data: URI/);
    expect(findEmbeddedMedia(`x iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk y`)).toMatch(/base64/);
    expect(findEmbeddedMedia(`/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsL`)).toMatch(/base64/);
    expect(findEmbeddedMedia('An ordinary description about an account.')).toBeNull();
  });
});

describe('checkWebUrl', () => {
  it('accepts http and https, and reads a bare host as https', () => {
    expect(checkWebUrl('https://social.example/@a/1')).toEqual({ ok: true, url: 'https://social.example/@a/1' });
    expect(checkWebUrl(' HTTP://Example.com ')).toEqual({ ok: true, url: 'HTTP://Example.com' });
    expect(checkWebUrl('social.example/@a')).toEqual({ ok: true, url: 'https://social.example/@a' });
    expect(checkWebUrl('example.com:8080/x')).toEqual({ ok: true, url: 'https://example.com:8080/x' });
  });
  it('refuses every other scheme', () => {
    for (const url of ['data:image/png;base64,AAAA', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'blob:https://a.example/1', 'file:///etc/passwd', 'ftp://a.example/x', 'vbscript:x']) {
      expect(checkWebUrl(url)).toEqual({ ok: false, problem: 'scheme' });
    }
  });
  it('refuses what is not a web address', () => {
    expect(checkWebUrl('https://')).toEqual({ ok: false, problem: 'not_a_url' });
    expect(checkWebUrl('two words')).toEqual({ ok: false, problem: 'not_a_url' });
  });
});
