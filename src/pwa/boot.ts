/**
 * The PWA's entry, added to index.html by pwa.config.ts ahead of the app's own script: catches the
 * install prompt before it can fire unseen, registers the service worker (production builds only; the
 * dev server has none) and mounts the update-ready prompt, which floats over whatever the app shows.
 */
import * as busy from './busy';
import { captureInstallPrompt, promptInstall } from './install';
import { isolationMode, isolationStatus } from './isolation';
import { applyUpdate, checkForUpdate, reportDevelopmentMode, startServiceWorker } from './register';
import { onPwaStateChange, pwaState } from './state';
import './components/pwa-update-prompt';
// Defined here so the app (or a test) can place it without importing it; it needs the Python worker's
// package settings as attributes.
import './components/pwa-offline-packages';

captureInstallPrompt();

if (import.meta.env.PROD) void startServiceWorker();
else reportDevelopmentMode(); // Vite's dev server builds no service worker; say so instead of "installing".

function mountUpdatePrompt(): void {
  if (!document.querySelector('pwa-update-prompt')) document.body.append(document.createElement('pwa-update-prompt'));
}
if (document.body) mountUpdatePrompt();
else addEventListener('DOMContentLoaded', mountUpdatePrompt, { once: true });

/**
 * A small handle for diagnostics and the end-to-end tests (`window.r1ciPwa` in the console). The app
 * itself imports from src/pwa/index.ts.
 */
Object.assign(globalThis, {
  r1ciPwa: { pwaState, onPwaStateChange, isolationMode, isolationStatus, applyUpdate, checkForUpdate, promptInstall, ...busy },
});
