#!/usr/bin/env node
/**
 * Figure, not a test: how many streamed tokens per second the page's markdown renderer keeps up with when
 * it renders after every token (the app batches to one render per frame, so this is the worst case).
 *   npx vite build --outDir /tmp/dist-ui && node scripts/serve-static.mjs --dir /tmp/dist-ui --port 5601 &
 *   node tests/e2e/app/render-throughput.bench.mjs http://127.0.0.1:5601/
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const url = process.argv[2] ?? 'http://127.0.0.1:5601/';
const demo = JSON.parse(readFileSync(new URL('../../../public/demos/eight-queens.json', import.meta.url), 'utf8'));
const sample = demo.rounds.join('\n\n');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto(url);
await page.waitForFunction(() => customElements.get('r1ci-markdown'));
for (const size of [20_000, 200_000]) {
  const { pieces, ms } = await page.evaluate(async ({ sample, size }) => {
    let text = '';
    while (text.length < size) text += sample + '\n\n';
    text = text.slice(0, size);
    const el = document.createElement('r1ci-markdown');
    document.body.append(el);
    const t0 = performance.now();
    let pieces = 0;
    for (let i = 0; i < text.length; i += 4) {
      el.text = text.slice(0, i + 4); // a 4-character token
      pieces++;
      await el.updateComplete;
    }
    const elapsed = performance.now() - t0;
    el.remove();
    return { pieces, ms: elapsed };
  }, { sample, size });
  console.log(`${size} characters: ${pieces} renders in ${ms.toFixed(0)} ms = ${((pieces / ms) * 1000).toFixed(0)} tokens/s`);
}
await browser.close();
