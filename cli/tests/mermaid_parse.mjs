// Parses Mermaid files with Mermaid's own parser (`mermaid.parse`, under a
// jsdom window) and exits 1 if any does not parse. The packages come from
// the directory MERMAID_NODE_MODULES names (`.ci/install-test-tools`
// installs them into .cache/npm-mermaid/node_modules).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const modules = process.env.MERMAID_NODE_MODULES;
const require = createRequire(join(modules, 'resolve-from-here.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const core = join(modules, 'mermaid', 'dist', 'mermaid.core.mjs');
const { default: mermaid } = await import(pathToFileURL(core).href);

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const parsed = await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`${file}: ${parsed.diagramType}`);
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    failed += 1;
  }
}
process.exit(failed ? 1 : 0);
