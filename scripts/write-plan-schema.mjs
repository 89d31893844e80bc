// Writes docs/plan.schema.json from the zod plan schema (shared/pricing/plan.ts), so the JSON
// Schema users validate their plan files with can never drift from what Seatcast accepts.
//   node scripts/write-plan-schema.mjs          write the file
//   node scripts/write-plan-schema.mjs --check  exit 1 when the committed file is out of date
// tests/shared/pricing/templates.test.ts runs the same comparison.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'plan.schema.json');

const bundle = await build({
  entryPoints: [join(root, 'shared', 'pricing', 'schema.ts')],
  bundle: true,
  write: false,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  logLevel: 'warning',
});
const source = bundle.outputFiles[0].text;
const { planJsonSchemaText } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const text = planJsonSchemaText();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    console.error('docs/plan.schema.json is out of date: run node scripts/write-plan-schema.mjs');
    process.exit(1);
  }
  console.log('docs/plan.schema.json is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote docs/plan.schema.json (${text.length.toLocaleString('en-US')} bytes)`);
}
