/**
 * The HTML report, rendered in headless Chromium (Debian's chromium, driven by playwright-core)
 * from a real run of OpenSSL and GnuTLS: the cell counts read back from the page equal the counts
 * of the model it was rendered from; headers stay visible below the sticky filter bar when the
 * page is scrolled (the element at the header's place is the header, not the bar); the filter
 * hides rows and then every table left empty; matrix cells are coloured by rate (a higher rate is
 * greener) and keep the Markdown's `(N!)` counts; an incomplete run is shown as such.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gnutlsAdapter } from '../adapters/stacks/gnutls.ts';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { runInterop, type InteropResult } from '../interop/run.ts';
import { parse } from 'yaml';
import { checkManifest } from '../cli/check.ts';
import { formatJson } from '../checkers/format/json.ts';
import { loadCatalog } from '../core/catalog.ts';
import { loadFlags } from '../core/flags.ts';
import { loadDrillInputs, type DrillInputs } from '../reports/drill-inputs.ts';
import { readiness } from '../reports/readiness.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel, MATRIX_FEATURES, type ReportModel } from '../reports/model.ts';
import { knownDivergences } from '../reports/known.ts';
import { CORPUS } from './helpers/corpus.ts';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'cmsi-html-'));
let browser: Browser;
let result: InteropResult;
let model: ReportModel;
/**
 * The same run with only OpenSSL's divergences known and every GnuTLS one shown as new: the
 * tables of new and known outcomes both have rows, for the scrolling and filter tests, whatever
 * the expectation files explain by now (GnuTLS's explain all of its outcomes on the corpus).
 */
let split: ReportModel;
let inputs: DrillInputs;
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  result = await runInterop({ adapters: [opensslAdapter, gnutlsAdapter], corpusDir: CORPUS, outDir: join(dir, 'results'), existing: 'refuse', jobs: 2 });
  model = buildModel(result.records, result.run);
  const knownOf = knownDivergences();
  split = buildModel(result.records, result.run, [], (r) => (r.stack === 'openssl' ? knownOf(r) : null));
  // What cmsi run writes beside the results for the drill-down: cmsi check's JSON on the corpus.
  writeFileSync(join(dir, 'checks.json'), formatJson(checkManifest(join(CORPUS, 'manifest.yaml'), loadCatalog(), 'current').results));
  inputs = loadDrillInputs(CORPUS, join(dir, 'checks.json'), result.run.manifestSha256);
}, 300_000);

async function open(m: ReportModel, name: string, drill?: DrillInputs, withReadiness = false): Promise<Page> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(m, { inputs: drill, readiness: withReadiness ? readiness(loadCatalog().entries, result.records) : undefined }));
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto(`file://${file}`);
  return page;
}

const rgb = (css: string) => (/rgb\((\d+), (\d+), (\d+)\)/.exec(css) ?? []).slice(1).map(Number);

describe('HTML report in Chromium', () => {
  it('is installed', () => expect(existsSync(CHROMIUM)).toBe(true));

  it('shows the cells the model has, colour-coded', async () => {
    const page = await open(model, 'report');
    const features = MATRIX_FEATURES.filter((f) => [...model.consumerMatrix.values()].some((row) => row.get(f)?.total));
    // consumer matrix: one row per installed stack, one cell per feature plus the invalid and acceptable columns
    expect(await page.locator('#consumer tbody td').count()).toBe(model.installed.length * (features.length + 2));
    const okCells = await page.locator('#consumer tbody td[data-kind=ok]').count();
    const expectedOk = [...model.consumerMatrix.values()].flatMap((row) => features.map((f) => row.get(f))).filter((c) => c && c.total && !c.bad && c.ok === c.total).length
      + [...model.invalidCaught.values()].filter((c) => c.total && !c.bad && c.ok === c.total).length;
    expect(okCells).toBe(expectedOk);
    expect(await page.locator('#producer tbody td').count()).toBe(model.installed.length * model.produceFeatures.length);
    expect(await page.locator('#unexpected tbody tr').count()).toBe(model.unexpected.filter((u) => !u.known).length);
    expect(await page.locator('#unexpected-known tbody tr').count()).toBe(model.unexpected.filter((u) => u.known).length);
    expect(await page.locator('#requirements tbody tr').count()).toBe(model.requirements.length);
    expect(await page.locator('table.interop').count()).toBe(model.interop.size);
    expect(await page.locator('#cross-failures tbody tr').count()).toBe(model.crossFailures.length);
    const colour = await page.locator('#consumer tbody td[data-kind=ok]').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(200, 239, 200)');
    expect(await page.locator('#identity').textContent()).toContain(result.run.manifestSha256);
    expect(await page.locator('#incomplete').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('keeps the Markdown\'s counts, (N!) included, cell for cell', async () => {
    const page = await open(model, 'counts');
    const md = renderMarkdown(model).split('\n').filter((l) => /^\| (openssl|gnutls) \| \d+\/\d+/.test(l));
    expect(md).toHaveLength(2);
    const html = await page.locator('#consumer tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
    expect(html.map((cells) => `| ${cells.join(' | ')} |`)).toEqual(md);
    expect(md.join('')).toMatch(/\(\d+!\)/);
    await page.close();
  }, 60_000);

  it('colours matrix cells by their rate: two different rates, two colours, the higher one greener', async () => {
    const page = await open(model, 'colours');
    const cells = await page.locator('#consumer tbody tr').evaluateAll((rows) => rows.map((r) => {
      const td = r.querySelectorAll('td')[0]!;
      return { text: td.textContent ?? '', colour: getComputedStyle(td).backgroundColor };
    }));
    const rates = cells.map((c) => { const [ok, total] = c.text.split(/[/ ]/).map(Number); return ok! / total!; });
    expect(rates[0]).not.toBe(rates[1]);
    expect(cells[0]!.colour).not.toBe(cells[1]!.colour);
    const greenness = cells.map((c) => { const [r, g] = rgb(c.colour); return g! - r!; });
    expect(Math.sign(greenness[0]! - greenness[1]!)).toBe(Math.sign(rates[0]! - rates[1]!));
    await page.close();
  }, 60_000);

  it('keeps table headers visible below the sticky filter bar when scrolled', async () => {
    const page = await open(split, 'sticky');
    for (const table of ['#unexpected', '#requirements']) {
      const top = await page.locator(table).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      await page.evaluate((y) => window.scrollTo(0, y), top + 400);
      const seen = await page.locator(`${table} thead th`).first().evaluate((th) => {
        const r = th.getBoundingClientRect();
        const bar = document.getElementById('controls')!.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { thTop: r.top, barBottom: bar.bottom, visible: hit === th || th.contains(hit) };
      });
      expect(seen.thTop, table).toBeGreaterThanOrEqual(seen.barBottom - 1);
      expect(seen.thTop, table).toBeLessThan(seen.barBottom + 5);
      expect(seen.visible, `${table} header under the filter bar`).toBe(true);
    }
    await page.close();
  }, 60_000);

  it('filters rows and hides the tables the filter leaves empty', async () => {
    const page = await open(split, 'filter');
    const visibleTables = () => page.locator('table').evaluateAll((ts) => ts.filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => t.id || t.className));
    const all = await visibleTables();
    expect(all).toContain('consumer');
    await page.fill('#filter', 'no-such-stack-name');
    expect(await visibleTables()).toEqual([]);
    // a sample only the new-unexpected-outcomes table names (not a CVE-derived one, which the CVE table names too): every other table disappears
    const cveFlags = new Set(loadFlags().flags.filter((f) => f.cves?.length).map((f) => f.name));
    const fresh = split.unexpected.filter((u) => !u.known && !u.record.flags.some((f) => cveFlags.has(f)));
    const sample = fresh.find((u) => !split.unexpected.some((o) => o.known && o.record.sample.includes(u.record.sample)))!.record.sample;
    await page.fill('#filter', sample);
    expect(await visibleTables()).toEqual(['unexpected']);
    expect(await page.locator('#unexpected tbody tr:not(.hidden)').count()).toBe(split.unexpected.filter((u) => !u.known && u.record.sample.includes(sample)).length);
    await page.fill('#filter', '');
    expect(await visibleTables()).toEqual(all);
    expect(await page.locator('#consumer tbody tr:not(.hidden)').count()).toBe(split.installed.length);
    // problems only: interop tables where every consumer accepted are hidden
    await page.check('#problems');
    const interopShown = await page.locator('table.interop').evaluateAll((ts) => ts.filter((t) => (t as HTMLElement).offsetParent !== null).length);
    const interopWithProblems = [...split.interop.values()].filter((producers) => [...producers.values()].some((row) => [...row.values()].some((c) => c.verdict !== 'accept' && c.verdict !== 'unsupported' || c.contentMatch === false))).length;
    expect(interopShown).toBe(interopWithProblems);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: false });
    await page.close();
  }, 60_000);

  it('drills down from a consumer cell to its samples, and from a sample to its manifest entry, findings and the stack\'s words', async () => {
    const page = await open(model, 'drill', inputs);
    // A cell with a wrong sample in it: gnutls's invalid column (it accepts some invalid samples).
    const wrong = model.consume.filter((r) => r.stack === 'gnutls' && r.expected === 'invalid' && r.verdict === 'reject' && r.detail);
    const all = model.consume.filter((r) => r.stack === 'gnutls' && r.expected === 'invalid');
    const detail = page.locator('section.detail:target');
    expect(await detail.count()).toBe(0);
    expect(await page.locator('section.detail').first().isVisible()).toBe(false);
    await page.locator('#consumer tbody tr', { hasText: 'gnutls' }).locator('td').first().locator('a').click();
    await expect.poll(() => detail.count()).toBe(1);
    expect(await detail.isVisible()).toBe(true);
    expect(await detail.locator('h3').textContent()).toBe(`gnutls: invalid samples (must be rejected) (${all.length} samples)`);
    // every sample of the cell is linked from it, once
    expect(await detail.locator('a.drill').count()).toBe(all.length);
    // a rejected invalid sample is as expected: a link in the list; follow it
    const r = wrong[0]!;
    await detail.locator('a.drill', { hasText: new RegExp(`^${r.sample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toMatch(/^#sample-/);
    const view = page.locator('section.detail:target');
    expect(await view.isVisible()).toBe(true);
    const text = (await view.textContent()) ?? '';
    // the manifest entry, read here from the manifest itself
    const entry = (parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as { samples: { id: string; description: string }[] }).samples.find((x) => x.id === r.sample)!;
    expect(text).toContain(entry.description);
    // cmsi check's findings: every failing rule the check report has for the sample
    const check = (JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) as { results: { expectation: { sample: string }; findings: { rule: string; status: string }[] }[] }).results.find((x) => x.expectation.sample === r.sample)!;
    const failing = check.findings.filter((f) => f.status === 'fail').map((f) => f.rule);
    expect(failing.length).toBeGreaterThan(0);
    for (const rule of failing) expect(text).toContain(rule);
    // each stack's words, as the record holds them
    const row = view.locator('table.outcomes tbody tr', { hasText: 'gnutls' }).first();
    expect(await row.locator('pre').textContent()).toBe(r.detail);
    expect(await view.locator('table.outcomes tbody tr').count()).toBe(model.consume.filter((x) => x.sample === r.sample).length);
    // close: no view left
    // an accepted sample shows what the stack printed when it accepted (OpenSSL's verification line), as the record holds it
    const accepted = model.consume.find((x) => x.stack === 'openssl' && x.verdict === 'accept' && x.expected === 'valid' && x.features.includes('signed-data'))!;
    expect(accepted.detail).toMatch(/Verification successful/);
    const cell = page.locator('#consumer tbody tr', { hasText: 'openssl' }).locator(`td[title^="signed-data:"] a`);
    await cell.click();
    const listed = page.locator('section.detail:target a.drill');
    const at = await listed.evaluateAll((as, id) => as.findIndex((x) => x.textContent === id), accepted.sample);
    expect(at, accepted.sample).toBeGreaterThanOrEqual(0);
    await listed.nth(at).click();
    const acceptedRow = page.locator('section.detail:target table.outcomes tbody tr', { hasText: 'openssl' }).first();
    expect(await acceptedRow.locator('pre').textContent()).toBe(accepted.detail);
    expect(await acceptedRow.textContent()).toContain('accepted; the recovered content equals the expected content');
    await page.locator('section.detail:target .close a').click();
    await expect.poll(() => page.locator('section.detail:target').count()).toBe(0);
    await page.screenshot({ path: join(dir, 'drill.png') });
    await page.close();
  }, 60_000);

  it('drills down from an interop cell to the produced message and what each consumer said', async () => {
    const page = await open(model, 'drill-interop', inputs);
    const [feature, producers] = [...model.interop.entries()][0]!;
    const [producer, row] = [...producers.entries()][0]!;
    const [consumer, rec] = [...row.entries()].find(([c]) => c !== producer)!;
    const table = page.locator('table.interop').first();
    const col = model.installed.map((s) => s.stack).indexOf(consumer);
    await table.locator('tbody tr', { hasText: producer }).first().locator('td').nth(col).locator('a').click();
    const view = page.locator('section.detail:target');
    await expect.poll(() => view.count()).toBe(1);
    expect(await view.locator('h3').textContent()).toBe(`${producer} produced ${feature}`);
    const p = model.produce.find((x) => x.stack === producer && x.feature === feature)!;
    if (p.check) expect(await view.textContent()).toContain(p.check.verdict);
    const line = view.locator('table.outcomes tbody tr', { hasText: consumer }).first();
    expect(await line.locator('td').first().textContent()).toBe(rec.verdict);
    if (rec.detail) expect(await line.locator('pre').textContent()).toBe(rec.detail);
    await page.close();
  }, 60_000);

  it('links every matrix cell to a view that exists; readiness and CVE cells lead to their evidence', async () => {
    const page = await open(model, 'drill-all', inputs, true);
    const links = await page.locator('a.drill').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    const dead = await page.evaluate((hrefs) => hrefs.filter((h) => !document.getElementById(decodeURIComponent(h.slice(1)))), [...new Set(links)]);
    expect(dead).toEqual([]);
    // every cell of the matrices links somewhere, but for empty cells and a stack's own diagonal
    for (const table of ['#consumer', '#producer', 'table.interop', '#readiness', '#cves']) {
      const unlinked = await page.locator(`${table} tbody td`).evaluateAll((tds) => tds.filter((td) => (td.textContent ?? '').trim() && (td.textContent ?? '').trim() !== '·' && (td.textContent ?? '').trim() !== '-' && !td.querySelector('a')).map((td) => td.outerHTML.slice(0, 120)));
      expect(unlinked, table).toEqual([]);
    }
    // a readiness entry with samples: its status cell opens its evidence, whose sample link opens the sample
    const rows = readiness(loadCatalog().entries, result.records);
    const withSamples = rows.find((r) => r.status === 'ready' && r.samples.some((x) => model.consume.some((c) => c.sample === x && c.expected !== 'valid')))!;
    const at = await page.locator('#readiness tbody tr th').evaluateAll((ths, id) => ths.findIndex((th) => th.textContent === id), withSamples.id);
    expect(at).toBeGreaterThanOrEqual(0);
    await page.locator('#readiness tbody tr').nth(at).locator('td').nth(1).locator('a').click();
    const view = page.locator('section.detail:target');
    await expect.poll(() => view.count()).toBe(1);
    expect(await view.locator('h3').textContent()).toBe(`${withSamples.id} (${withSamples.level}): ready`);
    const own = withSamples.samples.find((x) => model.consume.some((c) => c.sample === x && c.expected !== 'valid'))!;
    const k = await view.locator('a.drill').evaluateAll((as, id) => as.findIndex((a) => a.textContent === id), own);
    expect(k, own).toBeGreaterThanOrEqual(0);
    await view.locator('a.drill').nth(k).click();
    await expect.poll(() => page.locator('section.detail:target h3').textContent()).toBe(`sample ${own}`);
    // a CVE cell opens the sample with every stack's outcome; the open view is closed first, as a
    // reader would, since its side panel can lie over the cell
    await page.locator('section.detail:target p.close a').click();
    await expect.poll(() => page.locator('section.detail:target').count()).toBe(0);
    const cve = page.locator('#cves tbody tr').first();
    const id = (await cve.locator('th').textContent())!;
    await cve.locator('td a').first().click();
    await expect.poll(() => page.locator('section.detail:target h3').textContent()).toBe(`sample ${id}`);
    await page.close();
  }, 120_000);

  it('says when the manifest or the checker results are missing, and shows the records anyway', async () => {
    const page = await open(model, 'drill-bare', loadDrillInputs(null, join(dir, 'no-such-checks.json'), result.run.manifestSha256));
    expect(await page.locator('#drill-notes').textContent()).toMatch(/no corpus given.*no-such-checks\.json does not exist/);
    const r = model.consume.find((x) => x.detail)!;
    await page.evaluate((h) => { location.hash = h; }, `#${'sample-'}${[...r.sample].map((c) => (/[A-Za-z0-9.-]/.test(c) ? c : `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`)).join('')}`);
    const view = page.locator('section.detail:target');
    await expect.poll(() => view.count()).toBe(1);
    expect(await view.textContent()).toContain('no manifest given');
    expect(await view.textContent()).toContain(r.detail);
    await page.close();
  }, 60_000);

  it('shows an incomplete run as such', async () => {
    const page = await open(buildModel(result.records, { ...result.run, state: 'interrupted' }), 'incomplete');
    expect(await page.locator('#incomplete').isVisible()).toBe(true);
    expect(await page.locator('#incomplete').textContent()).toMatch(/INCOMPLETE RUN.*interrupted/);
    await page.close();
  }, 60_000);
});
