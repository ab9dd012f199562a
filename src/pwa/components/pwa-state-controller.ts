import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onPwaStateChange, pwaState, type PwaState } from '../state';

/** Re-renders its host whenever the PWA state changes; `value` is the current state. */
export class PwaStateController implements ReactiveController {
  value: PwaState = pwaState();
  private unsubscribe?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.value = pwaState();
    this.unsubscribe = onPwaStateChange((state) => {
      this.value = state;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
