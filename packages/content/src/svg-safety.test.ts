import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent } from './index.ts';
import { inspectSvg } from './svg-safety.ts';

const svg = (body: string, attrs = 'viewBox="0 0 640 360"') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>\n${body}\n</svg>\n`;
const codes = (text: string) => inspectSvg(text).problems.map((p) => `${p.line} ${p.code}`);

describe('an SVG figure is accepted only when it cannot run script or reach outside its file', () => {
  it('accepts a drawing with gradients, markers, in-file references, CSS and Vietnamese labels, and knows its size', () => {
    const drawing = svg(
      [
        '<defs><linearGradient id="nen"><stop offset="0"/></linearGradient>',
        '<marker id="mui"><path d="M0,0 L6,3 L0,6 z"/></marker>',
        '<style>text { font: 14px sans-serif } .o { fill: url(#nen) }</style></defs>',
        '<rect class="o" width="640" height="360" style="fill: url(\'#nen\')"/>',
        '<line x2="100" marker-end="url(#mui)"/><use xlink:href="#mui"/><a href="#nen"><text>Tiếp nhận hồ sơ</text></a>',
      ].join('\n'),
    );
    expect(inspectSvg(drawing)).toEqual({ problems: [], size: { width: 640, height: 360 } });
    expect(inspectSvg(svg('', 'width="320px" height="200" viewBox="0 0 640 400"')).size).toEqual({ width: 320, height: 200 });
  });

  it('refuses script, whatever its case or namespace prefix', () => {
    expect(codes(svg('<script>alert(1)</script>'))).toEqual(['2 svg.script']);
    expect(codes(svg('<s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script>'))).toEqual(['2 svg.script']);
    expect(codes(svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">x</h:script>'))).toEqual(['2 svg.script']);
  });

  it('refuses event handler attributes', () => {
    expect(codes(svg('<rect onclick="alert(1)"/>\n<circle r="1"\n  onLoad="x()"/>'))).toEqual(['2 svg.event_handler', '4 svg.event_handler']);
  });

  it('refuses foreignObject and HTML elements', () => {
    expect(codes(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'))).toEqual(['2 svg.foreign_object', '2 svg.foreign_object']);
  });

  it('refuses references to anything but a fragment of the same file, however they are written', () => {
    expect(codes(svg('<image href="https://vi-du.vn/a.png"/>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<use xlink:href="http://vi-du.vn/a.svg#x"/>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<a href="&#106;avascript:alert(1)"><text>x</text></a>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<rect fill="url(https://vi-du.vn/x)"/>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<rect style="background: URL( &quot;http://vi-du.vn/x&quot; )"/>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<style>\n.a { fill: red }\n.b { fill: url(http://vi-du.vn/x) }\n</style>'))).toEqual(['4 svg.external_reference']);
    expect(codes(svg('<style><![CDATA[@import "https://vi-du.vn/k.css";]]></style>'))).toEqual(['2 svg.external_reference']);
    expect(codes(svg('<style>.a { fill: u\\72l(http://vi-du.vn/x) }</style>'))).toEqual(['2 svg.external_reference']);
    expect(codes(`<?xml-stylesheet href="https://vi-du.vn/k.css"?>\n${svg('')}`)).toEqual(['1 svg.external_reference']);
    expect(codes(svg('<a href="#a"><set attributeName="xlink:href" to="#b"/></a>'))).toEqual(['2 svg.external_reference']);
  });

  it('refuses what is not a well-formed SVG document', () => {
    expect(codes(svg('<rect>'))).toEqual(['3 svg.invalid']);
    expect(codes('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toContain('1 svg.invalid');
    expect(codes('<svg>không có không gian tên</svg>')).toEqual(['1 svg.invalid']);
    expect(codes('')).toEqual(['1 svg.invalid']);
  });
});

describe('a lesson with an SVG figure', () => {
  it('is published with the figure, sized, its alt text kept; a figure without alt text is refused', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sansang-svg-'));
    const dir = join(root, 'courses', 'so-do');
    await mkdir(join(dir, 'hinh'), { recursive: true });
    const front = '---\ntitle: Sơ đồ\nsummary: Khoá có hình.\nversion: 3\nestimatedMinutes: 5\ncompletion: { quiz: none }\n---\n\nGiới thiệu.\n';
    await writeFile(join(dir, 'course.md'), front);
    await writeFile(join(dir, 'hinh', 'luong.svg'), svg('<text x="10" y="20">Ký số</text>'));
    await writeFile(join(dir, '01-bai.md'), '---\ntitle: Bài\n---\n\n![Luồng ký số: soạn, trình, ký, phát hành](hinh/luong.svg)\n');
    const { courses, diagnostics } = await compileContent(root);
    expect(diagnostics).toEqual([]);
    expect(courses[0]!.media).toEqual([expect.objectContaining({ path: 'hinh/luong.svg' })]);
    expect(courses[0]!.lessons[0]!.html).toContain('<img src="/media/so-do/3/hinh/luong.svg" alt="Luồng ký số: soạn, trình, ký, phát hành"');
    expect(courses[0]!.lessons[0]!.html).toContain('width="640" height="360"');

    await writeFile(join(dir, '01-bai.md'), '---\ntitle: Bài\n---\n\nXem hình:\n\n![ ](hinh/luong.svg)\n');
    const refused = await compileContent(root);
    expect(refused.courses).toEqual([]);
    expect(refused.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(['courses/so-do/01-bai.md:7:1 image.missing_alt']);
  });
});
