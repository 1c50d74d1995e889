import { describe, expect, it } from 'vitest';
import { fileName } from './download.ts';

describe('the name a download is saved as', () => {
  it('prefers the Vietnamese name in filename*, decoded, over the ASCII one', () => {
    expect(fileName(`attachment; filename="hoan-thanh-DV-01-2026-01-02.csv"; filename*=UTF-8''hoan-thanh-%C4%90V-01-2026-01-02.csv`, '/x')).toBe(
      'hoan-thanh-ĐV-01-2026-01-02.csv',
    );
    expect(fileName(`attachment; filename*=utf-8'vi'ph%C3%B2ng.pdf; filename="phong.pdf"`, '/x')).toBe('phòng.pdf');
  });

  it('falls back to filename, quoted or not, when filename* is missing or malformed', () => {
    expect(fileName('attachment; filename=tong-hop-SO-2026-01-02.pdf', '/x')).toBe('tong-hop-SO-2026-01-02.pdf');
    expect(fileName('attachment; filename="a \\"b\\".csv"', '/x')).toBe('a "b".csv');
    expect(fileName(`attachment; filename="bao-cao.csv"; filename*=UTF-8''%E0%A4%A.csv`, '/x')).toBe('bao-cao.csv');
  });
});
