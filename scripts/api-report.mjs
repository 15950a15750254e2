// The public API report: one `etc/api/<subpath>.api.md` per package subpath, written by API Extractor from the
// built .d.ts. `npm test` runs it in check mode: a change of the public surface that is not in the committed report
// fails the run, so every such change is visible in review. `node scripts/api-report.mjs --update` rewrites them.
// Options: --update (write the reports), --reports DIR (compare against another folder), --only SUBPATH (one entry);
// the last two are used by test/house/apiReport.test.ts.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const update = args.includes('--update');
const reportsArg = args.indexOf('--reports');
const reportFolder = reportsArg >= 0 ? resolve(args[reportsArg + 1]) : join(root, 'etc', 'api');
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? args[onlyArg + 1] : undefined;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'riskcore-api-'));
mkdirSync(reportFolder, { recursive: true });

let stale = 0;
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (subpath === './package.json' || (only !== undefined && subpath !== only)) continue;
  const dts = join(root, target.import.types);
  if (!existsSync(dts)) {
    console.error(`api-report: ${dts} is missing: run the build first`);
    process.exit(2);
  }
  const name = subpath === '.' ? 'riskcore' : `riskcore-${subpath.slice(2).replace(/\//g, '-')}`;
  const configObject = {
    projectFolder: root,
    mainEntryPointFilePath: dts,
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022'],
          types: [],
          strict: true,
          skipLibCheck: true,
        },
        include: [dts],
      },
    },
    apiReport: { enabled: true, reportFileName: `${name}.api.md`, reportFolder, reportTempFolder: work },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: 'warning' } },
      extractorMessageReporting: {
        default: { logLevel: 'none' },
        'ae-missing-release-tag': { logLevel: 'none' },
      },
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (m) => {
      if (m.logLevel === 'none') m.handled = true;
    },
  });
  if (!result.succeeded || result.apiReportChanged) {
    if (!update) {
      stale++;
      console.error(`api-report: the public API of '${subpath}' differs from ${join(reportFolder, `${name}.api.md`)}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
if (stale > 0) {
  console.error(
    `api-report: ${stale} report(s) stale: review the change, then run 'node scripts/api-report.mjs --update' and commit etc/api/`,
  );
  process.exit(1);
}
console.log(update ? 'api-report: reports written to etc/api/' : 'api-report: public API matches etc/api/');
