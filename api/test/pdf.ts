// A small PDF writer for the tests: pages of text lines, each at its own height and size, in a
// font that maps every character through a ToUnicode table (Type0, Identity-H), so any Vietnamese
// text extracts exactly, without a font file. Also a page with only a drawing (a scan has no
// text), and the password dictionary of a protected file. PDF.js reads all of them as a real
// reader would; nothing here is meant to print nicely.

export interface PdfLine {
  text: string;
  /** font size, points (11 by default) */
  size?: number;
  /** distance from the previous line's baseline (1.5 × size by default) */
  gap?: number;
  /** a footnote reference drawn after the line as Word prints it: smaller type, raised */
  sup?: string;
}

export interface PdfOptions {
  /** pages with a filled rectangle and no text at all (what a scan looks like to a text reader) */
  noText?: boolean;
  /** an /Encrypt dictionary whose user password is not empty: opening needs a password */
  encrypt?: boolean;
}

export function makePdf(pages: PdfLine[][], opts: PdfOptions = {}): Buffer {
  const chars: string[] = [];
  const ids = new Map<string, number>();
  const cid = (ch: string) => {
    if (!ids.has(ch)) {
      chars.push(ch);
      ids.set(ch, chars.length);
    }
    return ids.get(ch)!;
  };
  const hex = (s: string) => [...s].map((c) => cid(c).toString(16).padStart(4, '0')).join('');
  const objects: string[] = [];
  const reserve = () => objects.push('');
  const catalog = reserve();
  const pagesId = reserve();
  const font = reserve();
  const cidFont = reserve();
  const toUnicode = reserve();
  const descriptor = reserve();
  const pageIds: number[] = [];
  for (const lines of pages) {
    let y = 800;
    let content = '';
    if (opts.noText) content = '0 0 1 rg 50 50 400 600 re f\n';
    else {
      for (const l of lines) {
        const size = l.size ?? 11;
        y -= l.gap ?? size * 1.5;
        content += `BT /F1 ${size} Tf 50 ${y.toFixed(1)} Td <${hex(l.text)}> Tj ET\n`;
        // the font's glyphs are 500 units wide (/DW 500): the line ends at 50 + length × size / 2
        if (l.sup) content += `BT /F1 ${(size * 0.6).toFixed(1)} Tf ${(50 + [...l.text].length * size * 0.5).toFixed(1)} ${(y + size * 0.33).toFixed(1)} Td <${hex(l.sup)}> Tj ET\n`;
      }
    }
    const stream = objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
    pageIds.push(
      objects.push(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[font - 1] = `<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`;
  objects[cidFont - 1] = `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 500 >>`;
  objects[descriptor - 1] = '<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>';
  const utf16 = (ch: string) => Buffer.from(ch, 'utf16le').swap16().toString('hex');
  const map = chars.map((ch, i) => `<${(i + 1).toString(16).padStart(4, '0')}> <${utf16(ch)}>`);
  let cmap =
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n';
  for (let i = 0; i < map.length; i += 100) {
    const part = map.slice(i, i + 100);
    cmap += `${part.length} beginbfchar\n${part.join('\n')}\nendbfchar\n`;
  }
  cmap += 'endcmap CMapName currentdict /CMap defineresource pop end end';
  objects[toUnicode - 1] = `<< /Length ${Buffer.byteLength(cmap, 'latin1')} >>\nstream\n${cmap}\nendstream`;

  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  const add = (body: string) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${offsets.length} 0 obj\n${body}\nendobj\n`;
    return offsets.length;
  };
  objects.forEach(add);
  let encrypt = '';
  if (opts.encrypt) {
    const e = add(`<< /Filter /Standard /V 2 /R 3 /Length 128 /P -44 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> >>`);
    encrypt = ` /Encrypt ${e} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${offsets.length + 1} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Lines cut at about `width` characters, as a page wraps a paragraph. */
export function wrap(paragraph: string, width = 70): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
