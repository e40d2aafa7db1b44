// Prints raw, gzip and brotli sizes of the built files a shop serves.
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const lazy = readdirSync('dist').filter((f) => /^carat-consent-.+\.js$/.test(f)).map((f) => `dist/${f}`);
const files = ['dist/carat-consent.js', ...lazy, ...readdirSync('dist/i18n').filter((f) => f.endsWith('.js')).map((f) => `dist/i18n/${f}`)];
for (const file of files) {
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${file.padEnd(34)} ${String(bytes.length).padStart(7)} raw ${String(gzipSync(bytes, { level: 9 }).length).padStart(6)} gzip ${String(brotli).padStart(6)} brotli`);
}
