/**
 * The HTML report, rendered in headless Chromium (Debian's chromium, driven by playwright-core):
 * the cell counts read back from the page equal the counts of the model it was rendered from, the
 * headers stay sticky, and the filter hides rows.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { runInterop } from '../interop/run.ts';
import { renderHtml } from '../reports/html.ts';
import { buildModel, MATRIX_FEATURES } from '../reports/model.ts';
import { CORPUS } from './helpers/corpus.ts';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'cmsi-html-'));
let browser: Browser;
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

describe('HTML report in Chromium', () => {
  it('is installed', () => expect(existsSync(CHROMIUM)).toBe(true));

  it('shows the cells the model has, colour-coded, with sticky headers and a working filter', async () => {
    const { records } = await runInterop({ adapters: [opensslAdapter], corpusDir: CORPUS, outDir: join(dir, 'results'), existing: 'refuse', jobs: 1 });
    const model = buildModel(records);
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(model));
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const features = MATRIX_FEATURES.filter((f) => [...model.consumerMatrix.values()].some((row) => row.get(f)?.total));
    // consumer matrix: one row per installed stack, one cell per feature plus the invalid and acceptable columns
    const consumerCells = await page.locator('#consumer tbody td').count();
    expect(consumerCells).toBe(model.installed.length * (features.length + 2));
    const okCells = await page.locator('#consumer tbody td[data-kind=ok]').count();
    const expectedOk = [...model.consumerMatrix.values()].flatMap((row) => features.map((f) => row.get(f))).filter((c) => c && c.total && !c.bad && c.ok === c.total).length
      + [...model.invalidCaught.values()].filter((c) => c.total && !c.bad && c.ok === c.total).length;
    expect(okCells).toBe(expectedOk);
    expect(await page.locator('#producer tbody td').count()).toBe(model.installed.length * model.produceFeatures.length);
    expect(await page.locator('#unexpected tbody tr').count()).toBe(model.unexpected.length);
    expect(await page.locator('#requirements tbody tr').count()).toBe(model.requirements.length);
    const colour = await page.locator('#consumer tbody td[data-kind=ok]').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(200, 239, 200)');
    expect(await page.locator('#consumer thead th').first().evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    await page.fill('#filter', 'no-such-stack-name');
    expect(await page.locator('#consumer tbody tr:not(.hidden)').count()).toBe(0);
    await page.fill('#filter', '');
    expect(await page.locator('#consumer tbody tr:not(.hidden)').count()).toBe(model.installed.length);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: false });
    await page.close();
  }, 120_000);
});
