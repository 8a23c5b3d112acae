// Opens every page and every SVG journeymap drew for the hostile fixture
// (tests/fixtures/script-injection, whose every text field carries script payloads) in
// headless Chromium and fails if any script from content runs: `alert`, `confirm` and
// `prompt` are replaced by recorders, the sentinel `window.__jm_pwned` (that the payloads
// set) reports any write, and the pages are served with a report-only Content Security
// Policy that forbids every script but the theme's own (THEME_SCRIPTS: the header's, the
// tables', the search box and the files it loads), so any other script or event handler
// that runs is also reported as a violation. The DOM must hold no event-handler attribute, no script but those, and no
// script, data or vbscript link. Files copied from content/ (the SVG logo, which holds a
// script) are only loaded the way the pages load them, as images.
//
//   node e2e/hostile.mjs SITE [CONTENT]   (CONTENT: the content/ folder whose files are
//                                          copies, not opened as documents)

import { chromium } from 'playwright-core';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';

const [site, content] = process.argv.slice(2).map((p) => resolve(p));
if (!site) {
  console.error('usage: node e2e/hostile.mjs SITE [CONTENT]');
  process.exit(2);
}
const ORIGIN = 'http://hostile.test';
/** The theme's own scripts: the header's, the tables', the search box and the library and
 * index it loads when used. */
const THEME_SCRIPTS = ['theme/nav.js', 'theme/tables.js', 'theme/search.js', 'theme/elasticlunr.min.js', 'search/index.js'].map(
  (p) => `${ORIGIN}/${p}`,
);
const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
};

function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path, base) : [relative(base, path)];
  });
}

const documents = files(site)
  .filter((f) => f.endsWith('.html') || f.endsWith('.svg'))
  .filter((f) => !(content && existsSync(join(content, f))))
  .sort();

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const context = await browser.newContext();
await context.route(`${ORIGIN}/**`, async (route) => {
  let path = join(site, decodeURIComponent(new URL(route.request().url()).pathname));
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  if (!path.startsWith(site) || !existsSync(path)) return route.fulfill({ status: 404, body: '' });
  await route.fulfill({
    status: 200,
    body: readFileSync(path),
    headers: {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-security-policy-report-only': `script-src ${THEME_SCRIPTS.join(' ')}; object-src 'none'; frame-src 'none'`,
    },
  });
});
let current = '';
await context.exposeFunction('__jmReport', (what) => problems.push(`${current}: ${what}`));
await context.addInitScript(() => {
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => window.__jmReport(`${name}(${args.join(', ')}) ran`);
  }
  Object.defineProperty(window, '__jm_pwned', {
    configurable: false,
    get: () => undefined,
    set: () => window.__jmReport('a payload set window.__jm_pwned'),
  });
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__jmReport(`a script ran: ${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
  );
});

for (const file of documents) {
  current = file;
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${file}: script error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`${file}: a ${dialog.type()} dialog opened`);
    dialog.dismiss();
  });
  await page.goto(`${ORIGIN}/${file}`, { waitUntil: 'load' });
  // Payloads that wait for a pointer or for focus: hover and focus everything once.
  const found = await page.evaluate((themeScripts) => {
    const found = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`<${element.localName} ${attribute.name}>`);
      }
      for (const name of ['href', 'src', 'xlink:href', 'action', 'formaction']) {
        const value = element.getAttribute(name);
        if (value && /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\t\n\r]/g, ''))) {
          found.push(`<${element.localName} ${name}="${value}">`);
        }
      }
      const own = element.localName === 'script' && themeScripts.includes(element.src);
      if (['script', 'iframe', 'object', 'embed'].includes(element.localName) && !own) found.push(`<${element.localName}>`);
      for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
        if (element.localName === 'a' && type === 'click') continue;
        element.dispatchEvent(new Event(type));
      }
    }
    return found;
  }, THEME_SCRIPTS);
  found.forEach((what) => problems.push(`${file}: content made ${what}`));
  await page.close();
}
await browser.close();

if (documents.length === 0) problems.push('no pages');
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) with the hostile fixture:`);
  problems.forEach((p) => console.error(`  ${p}`));
  process.exit(1);
}
console.log(`${documents.length} pages and SVGs of the hostile fixture opened: no script from content ran`);
