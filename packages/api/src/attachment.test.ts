import { describe, expect, it } from 'vitest';
import { asciiFileName, attachment } from './attachment.ts';

describe('download headers', () => {
  it('folds Vietnamese to ASCII for the plain name and keeps it whole in filename*', () => {
    expect(asciiFileName('tổng-hợp-ĐV-01 Phường Đông.pdf')).toBe('tong-hop-DV-01-Phuong-Dong.pdf');
    expect(attachment('tong-hop-ĐV-01.pdf')).toBe(`attachment; filename=tong-hop-DV-01.pdf; filename*=UTF-8''tong-hop-%C4%90V-01.pdf`);
    expect(attachment('bao-cao-SO-2026-01-02.csv')).toBe('attachment; filename=bao-cao-SO-2026-01-02.csv');
  });

  it('cannot be made to end the header, add a parameter or change the extension', () => {
    const header = attachment("x-A\"; filename*=UTF-8''bao-cao.hta\r\nSet-Cookie: a=b/..\\.csv");
    expect(header).not.toMatch(/[\r\n"\\]/);
    expect(header.match(/filename\*?=/g)).toEqual(['filename=', 'filename*=']);
    expect(header).toMatch(/\.csv$/);
  });
});
