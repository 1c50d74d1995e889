import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { vi } from './vi.ts';

describe('dictionaries', () => {
  it('have the same keys in Vietnamese and English, none empty, Vietnamese in NFC', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of [...Object.entries(vi), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
    for (const text of Object.values(vi)) expect(text).toBe(text.normalize('NFC'));
  });

  it('use the same placeholders in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(holes(en[key]), key).toEqual(holes(vi[key]));
  });
});
