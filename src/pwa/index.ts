/**
 * The PWA layer's public surface for the app. The service worker, its registration and the update
 * prompt start by themselves (src/pwa/boot.ts, added to index.html by the build); the app only:
 * - tells when an answer is running: `setBusyProbe(() => running)` and `notifyIdle()` when it ends, so
 *   no update or isolation reload ever cuts an answer;
 * - asks `isolationMode()` to choose how the Python client stops scripts, and shows `<pwa-status-badge>`;
 * - calls `ensurePersistentStorage()` before a model download;
 * - places `<pwa-install-button>`, `<pwa-storage-panel>` and `<pwa-offline-packages>` where it wants them.
 */
export { setBusyProbe, notifyIdle, isAppBusy, waitUntilIdle } from './busy';
export { isolationMode, isolationStatus, type IsolationMode, type IsolationReason, type IsolationStatus } from './isolation';
export { canInstall, promptInstall } from './install';
export { applyUpdate, dismissUpdate, checkForUpdate } from './register';
export { pwaState, onPwaStateChange, type PwaState } from './state';
export { ensurePersistentStorage, storageSummary, type StorageSummary } from './storage';
export { offlineReadyModels, type OfflineModelChoice } from './offline-models';
export { OfflineModelsController, type OfflineCandidate } from './offline-models-controller';
export {
  makePackagesAvailableOffline, offlinePackageStatus, deleteOfflinePackages, type PackageProgress,
} from './packages';
export { resolvePackageSet, PRESET_PACKAGES, type Lockfile, type LockPackage } from './packages-plan';
