/**
 * The install prompt. Chromium fires `beforeinstallprompt` once the install criteria are met (manifest,
 * icons, a service worker controlling the page); the app keeps the event and offers its own Install
 * button instead of the browser's mini-infobar. Other browsers install from their menu (Safari: Share,
 * Add to Home Screen; Firefox on Android: menu, Install).
 */
import { updatePwaState } from './state';

/** Chromium's event (not in TypeScript's DOM lib). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

let deferred: BeforeInstallPromptEvent | undefined;
let captured = false;

/** Starts listening; call as early as possible (the event can fire before the app renders). Idempotent. */
export function captureInstallPrompt(): void {
  if (captured || typeof window === 'undefined') return;
  captured = true;
  const standalone = window.matchMedia?.('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
  updatePwaState({ installed: Boolean(standalone) });
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    updatePwaState({ installAvailable: true });
  });
  window.addEventListener('appinstalled', () => {
    deferred = undefined;
    updatePwaState({ installAvailable: false, installed: true });
  });
}

/** True when the Install button can show the browser's install dialog. */
export function canInstall(): boolean {
  return deferred !== undefined;
}

/** Shows the browser's install dialog. The event can be used once, so the button hides afterwards. */
export async function promptInstall(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
  const event = deferred;
  if (!event) return 'unavailable';
  deferred = undefined;
  updatePwaState({ installAvailable: false });
  await event.prompt();
  const { outcome } = await event.userChoice;
  return outcome;
}
