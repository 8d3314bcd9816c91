// After `vite build`: a Brotli and a gzip copy beside every text file of dist/ (JS, CSS, HTML, SVG,
// JSON, the manifest), made once here at their best settings, so the API serves a compressed file
// with no work per request (@fastify/static preCompressed; issue 13). Fonts (.woff2, .woff) and
// images are compressed already. Run by `npm run build -w web`; the files are part of the build.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
/** Smaller than this, a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

let files = 0;
let before = 0;
let after = 0;
for (const file of walk(dist)) {
  if (!TEXT.test(file) || file.includes(`${path.sep}.vite${path.sep}`) || statSync(file).size < MIN_BYTES) continue;
  const bytes = readFileSync(file);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  files++;
  before += bytes.length;
  after += br.length;
}
console.log(`nén sẵn: ${files} tệp, ${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB (br)`);
