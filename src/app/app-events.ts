import type { ExportProgress, WritableDirectory } from '../models-cache/folder-export';
import type { AppSettings } from './state/settings';

/**
 * Every custom event the app's elements send, declared once. Events bubble and cross shadow roots, so the
 * root element hears them all.
 */
export interface AppEventDetail {
  'r1ci-ask': { question: string };
  'r1ci-stop': undefined;
  'r1ci-select-session': { id: string };
  'r1ci-delete-session': { id: string };
  'r1ci-new-session': undefined;
  'r1ci-play-demo': { name: string };
  'r1ci-settings-change': AppSettings;
  'r1ci-model-action': { action: 'download' | 'pause' | 'delete' | 'load' | 'retry' | 'choose'; modelId?: string };
  'r1ci-use-example': { question: string };
  'r1ci-add-custom-model': { weightsUrl: string; modelLibUrl: string; displayName?: string };
  'r1ci-remove-custom-model': { id: string };
  /** Classroom: import the chosen model from a picked folder, or export it into one (r1ci-model-folder). */
  'r1ci-model-folder':
    | { action: 'import'; files: ReadonlyMap<string, Blob>; folderName: string }
    | { action: 'export'; directory: WritableDirectory; onProgress: (p: ExportProgress) => void; done: (result: { paths: string[] } | { error: string }) => void };
}

export type AppEventName = keyof AppEventDetail;

export function emit<K extends AppEventName>(from: EventTarget, name: K, detail: AppEventDetail[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'r1ci-ask': CustomEvent<AppEventDetail['r1ci-ask']>;
    'r1ci-stop': CustomEvent<undefined>;
    'r1ci-select-session': CustomEvent<AppEventDetail['r1ci-select-session']>;
    'r1ci-delete-session': CustomEvent<AppEventDetail['r1ci-delete-session']>;
    'r1ci-new-session': CustomEvent<undefined>;
    'r1ci-play-demo': CustomEvent<AppEventDetail['r1ci-play-demo']>;
    'r1ci-settings-change': CustomEvent<AppEventDetail['r1ci-settings-change']>;
    'r1ci-model-action': CustomEvent<AppEventDetail['r1ci-model-action']>;
    'r1ci-use-example': CustomEvent<AppEventDetail['r1ci-use-example']>;
    'r1ci-add-custom-model': CustomEvent<AppEventDetail['r1ci-add-custom-model']>;
    'r1ci-remove-custom-model': CustomEvent<AppEventDetail['r1ci-remove-custom-model']>;
    'r1ci-model-folder': CustomEvent<AppEventDetail['r1ci-model-folder']>;
  }
}
