// Opens every page of built sites in headless Chromium and checks what a reader gets:
// no console errors or failed requests, every image and inline SVG drawn at a non-zero
// size, no serious or critical axe-core violation at desktop width (1280 px) nor at phone
// width (390 px), no page wider than a phone, every box that scrolls sideways reachable by
// keyboard with a name (and a plot's with a visible cue), and for print: plots that fit an
// A4 page width, table rows that are never split, the expected number of PDF pages. Keeps
// screenshots and PDFs under the output folder.
//
//   node e2e/check.mjs OUT SITE...    (SITE: a built output folder; the first is the
//                                      example, whose pages are screenshot and printed)

import { chromium } from 'playwright-core';
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [out, ...sites] = process.argv.slice(2).map((p) => resolve(p));
if (!out || sites.length === 0) {
  console.error('usage: node e2e/check.mjs OUT SITE...');
  process.exit(2);
}

/** The pages of the example that are screenshot and printed, and the pages each PDF has (the
 * hairdryer page holds the comparison with its design, measured values and the blueprint). */
const SHOWN = {
  home: { file: 'index.html', pdfPages: 2 },
  journey: { file: 'journeys/hairdryer-return/index.html', pdfPages: 7 },
  inventory: { file: 'inventory/index.html' },
  consistency: { file: 'consistency/index.html' },
  lesson: { file: 'course/lesson-2/index.html' },
  workshop: { file: 'course/practice/workshop/index.html' },
  print: { file: 'course/print/index.html' },
};
/** The course of the example, in reading order, and the lesson the search is tried from. */
const COURSE = {
  lessons: [
    'Lesson 1: map the current journey',
    'Lesson 2: select the key moments',
    'Lesson 3: keep your promises',
    'Run a mapping workshop',
  ],
  from: 'course/lesson-2/index.html',
  print: 'course/print/index.html',
};
/** A query, and titles that must be among its results (a journey and a note). */
const SEARCH = {
  query: 'hairdryer',
  expected: ['Returning a broken hairdryer', 'Workshop notes — hairdryer return'],
  opens: 'journeys/hairdryer-return/index.html',
  /** A plural the index does not hold, found through its singular ("transfer"). */
  forgiving: { query: 'transfers', expected: 'Why the transfer to returns hurts' },
  /** A typing mistake, looked up as the closest indexed word, which the status names. */
  typo: { query: 'hairdyer', expected: 'Returning a broken hairdryer', word: 'hairdryer' },
};
const WIDTHS = { desktop: 1280, phone: 390 };
/** A4 minus the theme's print margins (15 mm by 12 mm), in CSS pixels. */
const PRINT_AREA = { width: Math.floor(((210 - 24) * 96) / 25.4), height: Math.floor(((297 - 30) * 96) / 25.4) };

const problems = [];
const problem = (site, file, message) => problems.push(`${relative(process.cwd(), join(site, file))}: ${message}`);

function htmlFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path, base);
    return entry.name.endsWith('.html') ? [relative(base, path)] : [];
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** Opens a page and records console errors, uncaught errors and failed requests. */
async function open(context, site, file) {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problem(site, file, `console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problem(site, file, `script error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problem(site, file, `failed request: ${request.url()} (${request.failure()?.errorText})`),
  );
  await page.goto(pathToFileURL(join(site, file)).href, { waitUntil: 'load' });
  return page;
}

/** Every image and inline SVG is drawn at a non-zero size; images have loaded. */
async function checkPictures(page, site, file) {
  const empty = await page.evaluate(async () => {
    const found = [];
    for (const img of document.images) {
      img.loading = 'eager';
      try { await img.decode(); } catch { found.push(`image ${img.getAttribute('src')} does not load`); continue; }
      const box = img.getBoundingClientRect();
      if (img.naturalWidth === 0 || box.width === 0 || box.height === 0) found.push(`image ${img.getAttribute('src')} has no size`);
    }
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.parentElement.closest('svg')) continue;
      // A plot's pinned strip is shown only where the plot scrolls sideways.
      if (svg.closest('.plot-pin') && !svg.checkVisibility()) continue;
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) found.push(`inline SVG ${svg.id || svg.getAttribute('aria-labelledby') || ''} has no size`);
    }
    return found;
  });
  empty.forEach((message) => problem(site, file, message));
}

/** A plot's pinned strip, where it shows, lies over the plot drawn at its own size, edge to
 * edge: a plot the page scales would slide out from under it. */
async function checkPins(page, site, file, width) {
  const wrong = await page.evaluate(() => {
    const found = [];
    for (const pin of document.querySelectorAll('.plot-pin')) {
      if (!pin.checkVisibility()) continue;
      const plot = pin.parentElement.querySelector(':scope > .plot-svg');
      const drawn = Number(plot.getAttribute('width'));
      const shown = plot.getBoundingClientRect();
      const strip = pin.getBoundingClientRect();
      if (Math.abs(shown.width - drawn) > 0.5) found.push(`a pinned strip shows over a plot scaled from ${drawn} to ${Math.round(shown.width)} px`);
      else if (Math.abs(strip.left - shown.left) > 0.5 || strip.top < shown.top - 0.5) found.push(`a pinned strip is out of line with its plot (${Math.round(strip.left - shown.left)} px)`);
    }
    return found;
  });
  wrong.forEach((message) => problem(site, file, `${message} at ${width} px`));
}

async function checkAccessibility(page, site, file, width = WIDTHS.desktop) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      preload: false,
    }),
  );
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
      problem(site, file, `axe ${v.impact} ${v.id} at ${width} px: ${v.help} (${v.nodes.length}x, e.g. ${where})`);
    }
  }
}

/** At phone width the page itself never scrolls sideways: wide tables and plots scroll in their box. */
async function checkPhoneWidth(page, site, file) {
  const wide = await page.evaluate((phone) => {
    const root = document.documentElement;
    if (root.scrollWidth <= phone) return [];
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > phone + 1)
      .filter((e) => !e.parentElement.closest('.table-wrap, .plot-scroll'))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    return [`${root.scrollWidth} px`, ...culprits];
  }, WIDTHS.phone);
  if (wide.length > 0) problem(site, file, `wider than a ${WIDTHS.phone} px phone: ${wide.join(', ')}`);
}

/**
 * Every box that scrolls sideways is reachable by keyboard (tabindex 0) and has a name, starts
 * at its beginning, and a plot's shows its cue; the reader can then scroll it to the end.
 */
async function checkScrollBoxes(page, site, file, width) {
  const found = await page.evaluate(() => {
    const found = [];
    const nameOf = (e) => {
      const label = e.getAttribute('aria-label')?.trim();
      if (label) return label;
      const ids = e.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
      return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
    };
    for (const box of document.body.querySelectorAll('*')) {
      const overflow = getComputedStyle(box).overflowX;
      if (!['auto', 'scroll'].includes(overflow) || box.scrollWidth <= box.clientWidth + 1) continue;
      const what = `${box.tagName.toLowerCase()}.${[...box.classList].join('.')}`;
      // Reachable by keyboard: focusable itself, or holding links or controls that scroll it
      // into view as they take the focus (as axe's scrollable-region-focusable rule has it).
      const focusable = box.getAttribute('tabindex') === '0' || box.querySelector('a[href], button, input, select');
      if (!focusable) found.push(`a box that scrolls sideways (${what}) is not reachable by keyboard`);
      if (!nameOf(box)) found.push(`a box that scrolls sideways (${what}) has no accessible name`);
      // The header's links start at the current section's (theme/nav.js); every other box at its beginning.
      const atCurrent = box.matches('.site-header nav') && box.querySelector('a[aria-current]');
      if (box.scrollLeft !== 0 && !atCurrent) found.push(`a box that scrolls sideways (${what}) does not start at its beginning`);
      if (box.matches('.plot-scroll') && box.querySelector('svg[aria-labelledby^="jm-curve"]')) {
        const cue = box.parentElement.querySelector('.scroll-cue');
        if (!cue || cue.getBoundingClientRect().height === 0) found.push(`a curve that scrolls sideways (${what}) has no visible cue`);
      }
    }
    return found;
  });
  found.forEach((message) => problem(site, file, `${message} at ${width} px`));
}

/** In print, plots fit the A4 width and stay whole; table rows never break across pages. */
async function checkPrintLayout(page, site, file) {
  await page.setViewportSize({ width: PRINT_AREA.width, height: PRINT_AREA.height });
  await page.emulateMedia({ media: 'print' });
  const found = await page.evaluate((area) => {
    const found = [];
    for (const plot of document.querySelectorAll('main svg, main img')) {
      const box = plot.getBoundingClientRect();
      if (box.width > area.width + 1) found.push(`a plot is ${Math.round(box.width)} px wide in print, the A4 width is ${area.width} px`);
      if (box.height > area.height) found.push(`a plot is taller than an A4 page`);
      const holder = plot.closest('figure, .plot') ?? plot;
      if (getComputedStyle(holder).breakInside !== 'avoid' && !plot.closest('.card'))
        found.push(`a plot (${holder.tagName.toLowerCase()}) may break across pages`);
    }
    for (const row of document.querySelectorAll('tr')) {
      if (getComputedStyle(row).breakInside !== 'avoid') { found.push('a table row may break across pages'); break; }
      if (row.getBoundingClientRect().height > area.height) { found.push('a table row is taller than a page'); break; }
    }
    return found;
  }, PRINT_AREA);
  found.forEach((message) => problem(site, file, message));
  await page.emulateMedia({ media: 'screen' });
}

/**
 * The search box of a lesson opened from file://: `/` focuses it, a query finds the expected
 * journey and note, the open panel passes axe, clicking a result opens it, and a plural the
 * index does not hold finds its singular. The lesson's
 * sidebar marks it and says where it is in the course; the print page has every lesson in order.
 */
async function checkSearchAndCourse(context, site, shots) {
  const file = COURSE.from;
  const page = await open(context, site, file);
  const width = page.viewportSize().width;
  const position = await page.evaluate(() => document.querySelector('.course-position')?.textContent);
  if (position !== `Lesson 2 of ${COURSE.lessons.length}`) problem(site, file, `the lesson says "${position}"`);
  const marked = await page.evaluate(() => document.querySelector('.course-nav a[aria-current="page"]')?.textContent);
  if (marked !== COURSE.lessons[1]) problem(site, file, `the sidebar marks "${marked}"`);
  const sidebar = await page.$$eval('.course-nav li a', (links) => links.map((a) => a.textContent));
  const lessons = sidebar.filter((t) => COURSE.lessons.includes(t));
  if (lessons.join('|') !== COURSE.lessons.join('|')) problem(site, file, `the sidebar lists ${sidebar.join(', ')}`);
  await page.keyboard.press('/');
  if ((await page.evaluate(() => document.activeElement?.id)) !== 'search-input') problem(site, file, '`/` does not focus the search box');
  await page.keyboard.type(SEARCH.query);
  try {
    await page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0, null, { timeout: 5000 });
  } catch {
    problem(site, file, `the search for "${SEARCH.query}" shows no results: ${await page.textContent('#search-status')}`);
  }
  const found = await page.$$eval('#search-results .search-title', (titles) => titles.map((t) => t.textContent));
  for (const title of SEARCH.expected) {
    if (!found.includes(title)) problem(site, file, `the search for "${SEARCH.query}" does not find "${title}": ${found.join(', ')}`);
  }
  // The open panel passes axe at both widths.
  await checkAccessibility(page, site, `${file} (search results open)`, width);
  await page.screenshot({ path: join(shots, `search-${width}.png`) });
  const result = page.locator('#search-results a', { hasText: SEARCH.expected[0] }).first();
  if ((await result.count()) > 0) {
    await result.click();
    await page.waitForLoadState('load');
    if (!page.url().endsWith(SEARCH.opens)) problem(site, file, `clicking "${SEARCH.expected[0]}" opened ${page.url()}`);
  }
  await page.close();
  const again = await open(context, site, file);
  await again.keyboard.press('/');
  await again.keyboard.type(SEARCH.forgiving.query);
  try {
    await again.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0, null, { timeout: 5000 });
  } catch {
    problem(site, file, `the search for "${SEARCH.forgiving.query}" shows no results: ${await again.textContent('#search-status')}`);
  }
  const forgiven = await again.$$eval('#search-results .search-title', (titles) => titles.map((t) => t.textContent));
  if (!forgiven.includes(SEARCH.forgiving.expected))
    problem(site, file, `the search for "${SEARCH.forgiving.query}" does not find "${SEARCH.forgiving.expected}": ${forgiven.join(', ')}`);
  await again.fill('#search-input', SEARCH.typo.query);
  try {
    await again.waitForFunction((word) => document.querySelector('#search-status').textContent.includes(word), SEARCH.typo.word, { timeout: 5000 });
  } catch {
    problem(site, file, `the search for "${SEARCH.typo.query}" does not say it shows "${SEARCH.typo.word}": ${await again.textContent('#search-status')}`);
  }
  const typo = await again.$$eval('#search-results .search-title', (titles) => titles.map((t) => t.textContent));
  if (!typo.includes(SEARCH.typo.expected))
    problem(site, file, `the search for "${SEARCH.typo.query}" does not find "${SEARCH.typo.expected}": ${typo.join(', ')}`);
  await again.close();
  const print = await open(context, site, COURSE.print);
  const titles = await print.$$eval('.print-part', (parts) => parts.map((p) => p.querySelector('h1, h2')?.textContent ?? ''));
  const printed = titles.filter((t) => COURSE.lessons.some((l) => t.endsWith(l)));
  if (printed.length !== COURSE.lessons.length || !printed.every((t, i) => t.endsWith(COURSE.lessons[i])))
    problem(site, COURSE.print, `the print page has ${titles.join(' | ')}`);
  await print.close();
}

/** What is wrong with the order of the table's rows for the order menu's `option`, or null. */
function orderProblem(page, option, initial) {
  return page.evaluate(([option, initial]) => {
      const [key, direction] = option.split(':');
      const rows = [...document.querySelectorAll('.journey-table tbody tr')];
      const listed = (row) => initial.indexOf(row.querySelector('th a').getAttribute('href'));
      const value = (row) => {
        if (key === 'title') return row.querySelector('th a').textContent;
        const raw = row.getAttribute(`data-${key}`);
        return raw === null ? null : Number(raw);
      };
      for (let i = 1; i < rows.length; i += 1) {
        const [a, b] = [rows[i - 1], rows[i]];
        if (!key) {
          if (listed(a) > listed(b)) return `row ${i} is out of the listed order`;
          continue;
        }
        const [x, y] = [value(a), value(b)];
        if (x === null && y !== null) return `a row without ${key} comes before one with it`;
        if (x === null || y === null) continue;
        const c = key === 'title' ? x.localeCompare(y, undefined, { numeric: true }) : x - y;
        const order = direction === 'desc' ? -c : c;
        if (order > 0 || (order === 0 && listed(a) > listed(b))) return `rows ${i} and ${i + 1} are out of order by ${key}`;
      }
      const sorted = document.querySelector('th[aria-sort]');
      if (key && sorted?.dataset.key !== key) return `the ${key} column is not marked as sorted`;
      return null;
    }, [option, initial]);
}

/**
 * A table of journeys with order and filter controls (a project of more than 12 journeys):
 * the controls show, each order puts the rows in the order of its figure (rows without it
 * last, ties as listed), a filter word keeps exactly the rows that hold it and says how many,
 * and the page passes axe with the filter in use.
 */
async function checkJourneyTable(context, site, file) {
  const page = await open(context, site, file);
  const width = page.viewportSize().width;
  const where = `${file} at ${width} px`;
  if (!(await page.isVisible('.table-tools'))) problem(site, file, `the table's order and filter controls are not shown at ${width} px`);
  const options = await page.$$eval('.table-sort option', (list) => list.map((o) => o.value));
  const initial = await page.$$eval('.journey-table tbody tr th a', (links) => links.map((a) => a.getAttribute('href')));
  if (options.length < 5) problem(site, file, `the order menu has ${options.length} choices`);
  for (const option of options) {
    await page.selectOption('.table-sort', option);
    const wrong = await orderProblem(page, option, initial);
    if (wrong) problem(site, file, `order "${option}" at ${width} px: ${wrong}`);
  }
  const total = await page.$$eval('.journey-table tbody tr', (rows) => rows.length);
  const word = await page.$eval('.journey-table tbody tr th .persona', (p) => p.textContent.split(/[ ,]/)[0]);
  await page.fill('.table-filter', word.toUpperCase());
  const shown = await page.$$eval('.journey-table tbody tr', (rows, word) => {
    const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const visible = rows.filter((r) => !r.hidden && r.getBoundingClientRect().height > 0);
    const columns = document.querySelector('.table-tools').dataset.columns.split(' ').map(Number);
    const holding = rows.filter((r) => columns.some((c) => fold(r.cells[c]?.textContent ?? '').includes(fold(word))));
    return { visible: visible.length, holding: holding.length, same: visible.every((r) => holding.includes(r)) };
  }, word);
  if (!shown.same || shown.visible !== shown.holding || shown.visible === 0 || shown.visible === total)
    problem(site, file, `filtering on "${word}" at ${width} px shows ${shown.visible} rows, ${shown.holding} hold it, of ${total}`);
  const status = await page.textContent('.table-status');
  if (!status.startsWith(`${shown.visible} of ${total}`)) problem(site, file, `the filter's status says "${status}"`);
  await checkAccessibility(page, site, `${where} (filtered)`, width);
  await page.fill('.table-filter', '');
  const back = await page.$$eval('.journey-table tbody tr', (rows) => rows.filter((r) => !r.hidden).length);
  if (back !== total) problem(site, file, `clearing the filter shows ${back} of ${total} rows`);
  // Back from a journey the table is as the controls the browser put back say.
  await page.selectOption('.table-sort', 'findings:desc');
  await page.fill('.table-filter', word);
  await page.click('.journey-table tbody tr:not([hidden]) th a');
  await page.waitForLoadState('load');
  await page.goBack();
  await page.waitForLoadState('load');
  const restored = await page.evaluate(() => ({
    option: document.querySelector('.table-sort').value,
    filter: document.querySelector('.table-filter').value,
    shown: [...document.querySelectorAll('.journey-table tbody tr')].filter((r) => !r.hidden).length,
  }));
  const wrong = await orderProblem(page, restored.option, initial);
  if (wrong) problem(site, file, `back from a journey at ${width} px, the order menu says "${restored.option}" but ${wrong}`);
  const expected = restored.filter ? shown.visible : total;
  if (restored.shown !== expected) problem(site, file, `back from a journey at ${width} px, the filter says "${restored.filter}" and ${restored.shown} rows show`);
  await page.close();
}

function pdfPageCount(bytes) {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

for (const [index, site] of sites.entries()) {
  const files = htmlFiles(site).sort();
  if (files.length === 0) problem(site, '', 'no pages');
  const context = await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 } });
  const phone = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 844 }, deviceScaleFactor: 1 });
  for (const file of files) {
    const page = await open(context, site, file);
    await checkPictures(page, site, file);
    await checkAccessibility(page, site, file);
    await checkScrollBoxes(page, site, file, WIDTHS.desktop);
    await checkPins(page, site, file, WIDTHS.desktop);
    await checkPrintLayout(page, site, file);
    await page.close();
    const small = await open(phone, site, file);
    await checkPhoneWidth(small, site, file);
    await checkScrollBoxes(small, site, file, WIDTHS.phone);
    await checkPins(small, site, file, WIDTHS.phone);
    await checkAccessibility(small, site, file, WIDTHS.phone);
    await small.close();
  }
  console.log(`${files.length} pages checked in ${relative(process.cwd(), site)}`);
  if (readFileSync(join(site, 'index.html'), 'utf8').includes('class="table-tools"')) {
    await checkJourneyTable(context, site, 'index.html');
    await checkJourneyTable(phone, site, 'index.html');
    console.log('the table of journeys sorts and filters');
  }
  if (index !== 0 || !existsSync(join(site, SHOWN.journey.file))) continue;
  mkdirSync(join(out, 'screenshots'), { recursive: true });
  mkdirSync(join(out, 'pdf'), { recursive: true });
  for (const [name, shown] of Object.entries(SHOWN)) {
    for (const [width, ctx] of [['desktop', context], ['phone', phone]]) {
      const page = await open(ctx, site, shown.file);
      await page.screenshot({ path: join(out, 'screenshots', `${name}-${WIDTHS[width]}.png`), fullPage: true });
      await page.close();
    }
    if (shown.pdfPages === undefined) continue;
    const page = await open(context, site, shown.file);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(out, 'pdf', `${name}.pdf`), pdf);
    const pages = pdfPageCount(pdf);
    if (pages !== shown.pdfPages) problem(site, shown.file, `the PDF has ${pages} pages, expected ${shown.pdfPages}`);
    await page.close();
  }
  await checkSearchAndCourse(context, site, join(out, 'screenshots'));
  await checkSearchAndCourse(phone, site, join(out, 'screenshots'));
  console.log(`search and course checked; screenshots and PDFs in ${relative(process.cwd(), out)}`);
}
await browser.close();

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  problems.forEach((p) => console.error(`  ${p}`));
  process.exit(1);
}
console.log('browser checks passed');
