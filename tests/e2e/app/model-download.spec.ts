import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { screenshot } from './helpers';

// SwiftShader WebGPU (no shader-f16) and the tiny stand-in of R1-CI q4f32_1 in tests/fixtures/models,
// served under /fixtures/ and chosen through the page address (see models/README.md).
// Service workers blocked: page.route does not see requests a service worker makes.
test.use({ serviceWorkers: 'block', launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });
const PAGE = './?weights=fixtures/models/r1ci/&libs=fixtures/models/libs/';

test('download with progress, pause and resume, cached after reload, delete', async ({ page }) => {
  // Hold one shard until the test has paused, so the pause lands in the middle of the download.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/params_shard_4.bin', async (route) => {
    await gate;
    await route.continue().catch(() => {});
  });
  await page.goto(PAGE);
  const notDownloaded = page.getByTestId('not-downloaded');
  await expect(notDownloaded).toContainText('R1-Code-Interpreter-3B (q4f32_1) is not downloaded yet');
  await notDownloaded.getByRole('button', { name: 'Download' }).click();

  const downloading = page.getByTestId('downloading');
  await expect(downloading).toBeVisible();
  await expect(downloading).toContainText(/of .* \(\d+%\)/);
  await screenshot(page, '12-downloading');
  await downloading.getByRole('button', { name: 'Pause' }).click();
  release();
  // Paused: the finished files are kept and the button offers to resume.
  await expect(notDownloaded).toContainText('already downloaded');
  await screenshot(page, '13-download-paused');
  await notDownloaded.getByRole('button', { name: 'Resume download' }).click();
  const cached = page.getByTestId('cached');
  await expect(cached).toContainText('is downloaded');

  await page.reload();
  await expect(cached).toContainText('is downloaded');
  // SwiftShader is a software adapter: the memory check says a 3B model would crawl on it.
  await expect(page.getByTestId('memory-fit')).toBeVisible();
  await screenshot(page, '14-cached');
  // With a model to ask, the example questions fill the question box, ready to edit or ask.
  await page.getByRole('button', { name: 'Use the example question: Make 24' }).click();
  await expect(page.getByRole('textbox', { name: 'Question' })).toHaveValue(/^Use the numbers 4, 7, 8, 8 exactly once/);
  await expect(page.getByRole('textbox', { name: 'Question' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Question' }).fill('');

  // Loading cannot succeed here (no real model library): the error says so in words.
  await cached.getByRole('button', { name: 'Load now' }).click();
  await expect(page.getByTestId('model-error')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('model-error')).toContainText('R1-Code-Interpreter-3B');
  // The stand-in library is not WebAssembly: the real engine's load fails at instantiation, in words.
  await expect(page.getByTestId('model-error')).toContainText(/model library .* could not be started/);
  await screenshot(page, '15-load-error');
  await page.getByTestId('model-error').getByRole('button', { name: 'Try again' }).click();
  await expect(cached).toBeVisible();

  // Asking (Enter submits; Shift+Enter is a new line) starts a session that loads the model first; the
  // load failure ends the session with the same words, and the question is kept in the list.
  const box = page.getByRole('textbox', { name: 'Question' });
  await box.fill('What is 6*7?');
  await box.press('Shift+Enter');
  await box.pressSequentially('Answer in <<<>>>.');
  await expect(box).toHaveValue('What is 6*7?\nAnswer in <<<>>>.');
  await box.press('Enter');
  await expect(page.getByTestId('question')).toHaveText('What is 6*7?\nAnswer in <<<>>>.');
  await expect(page.getByTestId('session-status')).toContainText(/Failed: .*could not be started/);
  await expect(page.getByTestId('recording-badge')).toHaveCount(0);
  await screenshot(page, '17-live-question-failed');
  await page.getByRole('button', { name: 'New question' }).click();
  await page.getByTestId('model-error').getByRole('button', { name: 'Try again' }).click();
  await page.getByTestId('cached').getByRole('button', { name: 'Delete from this browser' }).click();
  await expect(notDownloaded.getByRole('button', { name: 'Download' })).toBeVisible();
  await page.reload();
  await expect(notDownloaded.getByRole('button', { name: 'Download' })).toBeVisible();
});
