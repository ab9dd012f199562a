import * as Comlink from 'comlink';
import type { WorkerLike } from '../../../src/clients/worker-lifecycle';

/**
 * A stand-in for `new Worker(...)` in Node: the "worker" side is `api` exposed with comlink on one end
 * of a MessageChannel. `terminate` closes both ends, so (as with a real worker) a call in flight never
 * settles by itself; `crash` fires the error event a dying worker fires.
 */
export interface FakeWorker extends WorkerLike {
  terminated: boolean;
  crash(message: string): void;
}

export function fakeWorker(api: object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
  const worker = port1 as unknown as FakeWorker;
  worker.terminated = false;
  worker.terminate = () => {
    worker.terminated = true;
    port1.close();
    port2.close();
  };
  worker.crash = (message: string) => {
    const event = new Event('error') as Event & { message?: string };
    event.message = message;
    port1.dispatchEvent(event);
  };
  return worker;
}

/** A promise that never settles, like a worker stuck on the GPU. */
export const never = <T>() => new Promise<T>(() => undefined);
