/**
 * The HTML report, rendered in headless Chromium (Debian's chromium, driven by playwright-core)
 * from a real run of OpenSSL and GnuTLS: the cell counts read back from the page equal the counts
 * of the model it was rendered from; headers stay visible below the sticky filter bar when the
 * page is scrolled (the element at the header's place is the header, not the bar); the filter
 * hides rows and then every table left empty; matrix cells are coloured by rate (a higher rate is
 * greener) and keep the Markdown's `(N!)` counts; an incomplete run is shown as such.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gnutlsAdapter } from '../adapters/stacks/gnutls.ts';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { runInterop, type InteropResult } from '../interop/run.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel, MATRIX_FEATURES, type ReportModel } from '../reports/model.ts';
import { CORPUS } from './helpers/corpus.ts';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'cmsi-html-'));
let browser: Browser;
let result: InteropResult;
let model: ReportModel;
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
}, 300_000);

async function open(m: ReportModel, name: string): Promise<Page> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(m));
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
    expect(await page.locator('#unexpected tbody tr').count()).toBe(model.unexpected.length);
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
    const page = await open(model, 'sticky');
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
    const page = await open(model, 'filter');
    const visibleTables = () => page.locator('table').evaluateAll((ts) => ts.filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => t.id || t.className));
    const all = await visibleTables();
    expect(all).toContain('consumer');
    await page.fill('#filter', 'no-such-stack-name');
    expect(await visibleTables()).toEqual([]);
    // a sample only the unexpected-outcomes table names: every other table disappears
    const sample = model.unexpected[0]!.record.sample;
    await page.fill('#filter', sample);
    expect(await visibleTables()).toEqual(['unexpected']);
    expect(await page.locator('#unexpected tbody tr:not(.hidden)').count()).toBe(model.unexpected.filter((u) => u.record.sample.includes(sample)).length);
    await page.fill('#filter', '');
    expect(await visibleTables()).toEqual(all);
    expect(await page.locator('#consumer tbody tr:not(.hidden)').count()).toBe(model.installed.length);
    // problems only: interop tables where every consumer accepted are hidden
    await page.check('#problems');
    const interopShown = await page.locator('table.interop').evaluateAll((ts) => ts.filter((t) => (t as HTMLElement).offsetParent !== null).length);
    const interopWithProblems = [...model.interop.values()].filter((producers) => [...producers.values()].some((row) => [...row.values()].some((c) => c.verdict !== 'accept' && c.verdict !== 'unsupported' || c.contentMatch === false))).length;
    expect(interopShown).toBe(interopWithProblems);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: false });
    await page.close();
  }, 60_000);

  it('shows an incomplete run as such', async () => {
    const page = await open(buildModel(result.records, { ...result.run, state: 'interrupted' }), 'incomplete');
    expect(await page.locator('#incomplete').isVisible()).toBe(true);
    expect(await page.locator('#incomplete').textContent()).toMatch(/INCOMPLETE RUN.*interrupted/);
    await page.close();
  }, 60_000);
});
