// Renders every `journeys/*/journey.mmd` of a built site with the `mermaid` npm package in
// headless Chromium: each must parse as a `journey` diagram and draw an SVG that holds its
// title and every task name. A file that is not a valid diagram makes the check fail.
//
//   node e2e/mermaid.mjs SITE [FILE.mmd...]   (extra files: diagrams that must render too)

import { chromium } from 'playwright-core';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');

const [site, ...extra] = process.argv.slice(2).map((p) => resolve(p));
if (!site) {
  console.error('usage: node e2e/mermaid.mjs SITE [FILE.mmd...]');
  process.exit(2);
}
const journeys = join(site, 'journeys');
const files = [
  ...(existsSync(journeys) ? readdirSync(journeys) : [])
    .map((id) => join(journeys, id, 'journey.mmd'))
    .filter((file) => existsSync(file)),
  ...extra,
];
if (files.length === 0) {
  console.error(`no journey.mmd under ${journeys}`);
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.setContent('<!DOCTYPE html><html><body></body></html>');
await page.addScriptTag({ path: mermaidScript });
await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));

const problems = [];
for (const [index, file] of files.entries()) {
  const text = readFileSync(file, 'utf8');
  const result = await page.evaluate(
    async ({ text, id }) => {
      try {
        const parsed = await window.mermaid.parse(text);
        const { svg } = await window.mermaid.render(id, text);
        const holder = document.createElement('div');
        holder.innerHTML = svg;
        return { type: parsed.diagramType, text: holder.textContent };
      } catch (error) {
        return { error: String(error?.message ?? error) };
      }
    },
    { text, id: `diagram${index}` },
  );
  if (result.error) {
    problems.push(`${file}: ${result.error.split('\n')[0]}`);
    continue;
  }
  if (result.type !== 'journey') problems.push(`${file}: a ${result.type} diagram, not a journey`);
  const expected = text
    .split('\n')
    .map((line) => line.trim())
    .flatMap((line) => {
      if (line.startsWith('title ')) return [line.slice(6)];
      if (line === 'journey' || line.startsWith('section ') || line === '') return [];
      return [line.split(':')[0].trim()];
    });
  // Mermaid may break a long name into lines: spaces are left out of the comparison.
  const drawn = result.text.replace(/\s+/g, '');
  for (const name of expected) {
    if (!drawn.includes(name.replace(/\s+/g, ''))) problems.push(`${file}: "${name}" is not drawn`);
  }
}
await browser.close();
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`Mermaid: ${files.length} journey diagrams render`);
