import { expect, test } from '@playwright/test';
import { screenshot, waitForSessionEnd, watchErrors } from './helpers';

// tests/fixtures/app/hostile.json: HTML, scripts, handlers and javascript: links in the question, the model
// text, the Python output and the answer. All must show as text; none may run.
test('hostile model text, Python output and answer never execute', async ({ page }) => {
  const errors = watchErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto('./?replay=/fixtures/app/hostile.json');
  await waitForSessionEnd(page);
  await screenshot(page, '09-hostile');

  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  // Locators pierce the open shadow roots: no markup from the content made it into the DOM.
  // (Scoped to the session view: the app's own question box is a form.)
  const app = page.locator('r1ci-session-view');
  await expect(app.locator('img, script, iframe, svg, form, input, button[type=submit], style, object, embed')).toHaveCount(0);
  await expect(app.locator('[onerror], [onload], [onmouseover]')).toHaveCount(0);
  await expect(app.locator('a[href^="javascript:" i]')).toHaveCount(0);
  // Every link left points to http(s) (no data:, vbscript:, entity-encoded javascript:).
  const hrefs = await app.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  // (The code cell's own "What the model was shown" is a details element of the app, class "seen".)
  await expect(app.locator('details:not(.seen), [ontoggle], [onclick], [style]')).toHaveCount(0);
  // Clicking what looks like a link does nothing.
  await app.getByText('click me').click();
  // The safe link stays a link and opens away from the app.
  await expect(app.getByRole('link', { name: 'safe link' })).toHaveAttribute('href', 'https://example.org/');
  await expect(app.getByRole('link', { name: 'safe link' })).toHaveAttribute('rel', /noopener/);
  // The content is visible as text.
  await expect(page.getByTestId('question')).toContainText('<script>');
  await expect(page.getByTestId('rounds')).toContainText('<img src=x onerror=');
  const output = page.locator('r1ci-code-cell').first().getByLabel('Python output');
  await expect(output).toContainText(`<script>window.__pwned='py-script'</script>`);
  await expect(output.locator('.stderr')).toContainText('<b onmouseover=');
  await expect(page.getByTestId('answer')).toContainText('<img src=x onerror=');
  // The page still works after it: the body is visible (no injected CSS hid it), nothing ran meanwhile.
  await expect(page.locator('body')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
