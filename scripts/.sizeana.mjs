import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entry = process.argv[2];
const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent', tsconfigRaw: {}, metafile: true });
const o = Object.values(out.metafile.outputs)[0];
const rows = Object.entries(o.inputs).map(([k, v]) => [k, v.bytesInOutput]).sort((a, b) => b[1] - a[1]);
for (const [k, v] of rows.slice(0, 40)) console.log(String(v).padStart(7), k);
console.log('total min', out.outputFiles[0].contents.length, 'gzip', gzipSync(out.outputFiles[0].contents, { level: 9 }).length);
