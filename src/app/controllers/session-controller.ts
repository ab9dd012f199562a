import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ProtocolRecord } from '../../../models/protocol';
import type { Engine } from '../../engines/engine';
import { ReplayEngine } from '../../engines/replay';
import { parseReplayFile } from '../../engines/replay-file';
import { runLoop } from '../../loop/run-loop';
import { parseReplayChunk } from '../state/launch';
import { applyLoopEvent, failSession, newSession, type Session, type SessionSource } from '../state/session';
import { summariseProtocol } from '../state/settings';
import { ConversationStore, SessionSaver } from '../store/conversation-store';
import type { AppPython } from '../services/python';
import { FrameScheduler } from './frame-scheduler';

/** What the next question runs on: the loaded model, or a recording played back. */
export type RunTarget =
  | { kind: 'model'; modelId: string; label: string; protocol: ProtocolRecord; getEngine: (signal: AbortSignal) => Promise<Engine> }
  | { kind: 'recording'; url: string; name: string; protocol: ProtocolRecord };

/** Stage of the running session, for the stop button's label and the status line. */
export type RunStage = 'idle' | 'preparing' | 'generating' | 'running-python';

/** Delay between streamed pieces of a recording, so it reads like a model writing (ms). */
const RECORDING_CHUNK_DELAY_MS = 15;

/**
 * Owns the conversation list and the session in progress: starts a question on a model or a recording,
 * feeds the loop's events into the session, saves it as it streams, and stops it on request.
 */
export class SessionController implements ReactiveController {
  sessions: Session[] = [];
  selectedId: string | null = null;
  stage: RunStage = 'idle';
  /** Bumped on every change, so elements given a mutated session know to render again. */
  revision = 0;
  /** Set when the store could not be read or written (private mode, quota): shown, never fatal. */
  storeError: string | null = null;
  private abort: AbortController | null = null;
  private running: Session | null = null;
  private readonly saver: SessionSaver;
  private readonly frames: FrameScheduler;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly python: AppPython,
    private readonly store: Pick<ConversationStore, 'list' | 'put' | 'delete'> = new ConversationStore(),
  ) {
    host.addController(this);
    this.saver = new SessionSaver(this.store, 300, (err) => {
      this.storeError = saveFailure(err);
      this.changed();
    });
    this.frames = new FrameScheduler(() => {
      this.revision++;
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {
    addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.onPageHide);
  }

  private readonly onPageHide = () => void this.saver.flush();

  get selected(): Session | null {
    return this.sessions.find((s) => s.id === this.selectedId) ?? null;
  }

  get busy(): boolean {
    return this.stage !== 'idle';
  }

  async load(): Promise<void> {
    try {
      const stored = await this.store.list();
      // Keep any session started before the list arrived (a ?demo= launch starts at once).
      const live = new Set(this.sessions.map((s) => s.id));
      this.sessions = [...this.sessions, ...stored.filter((s) => !live.has(s.id))];
      // A session cut off by the reload is shown at once (what was kept, marked interrupted); otherwise
      // the app opens on a new question, with the saved ones in the list.
      if (this.selectedId === null && this.sessions[0]?.status === 'interrupted') this.selectedId = this.sessions[0].id;
    } catch (err) {
      this.storeError = `Saved conversations could not be read: ${(err as Error)?.message ?? err}`;
    }
    this.changed();
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.changed();
  }

  async remove(id: string): Promise<void> {
    if (this.running?.id === id) this.stop();
    this.sessions = this.sessions.filter((s) => s.id !== id);
    if (this.selectedId === id) this.selectedId = null;
    this.changed();
    // A save of it may be pending or under way: let it land first, so the delete is the last word.
    await this.saver.flush();
    await this.store.delete(id).catch(() => {});
  }

  /** Saves a session unless it was deleted meanwhile (a deleted session must not come back). */
  private save(session: Session): void {
    if (this.sessions.includes(session)) this.saver.schedule(session);
  }

  stop(): void {
    this.abort?.abort();
  }

  /** Runs one question to its end (never throws: failures end the session with a message). */
  async ask(question: string, target: RunTarget): Promise<void> {
    if (this.busy) return;
    const abort = (this.abort = new AbortController());
    const { signal } = abort;
    const source: SessionSource =
      target.kind === 'model'
        ? { kind: 'model', modelId: target.modelId, label: target.label }
        : { kind: 'recording', label: target.name, origin: target.url };
    const session = newSession({ id: newId(), question, source, settings: summariseProtocol(target.protocol), now: Date.now() });
    this.sessions = [session, ...this.sessions];
    this.selectedId = session.id;
    this.stage = 'preparing';
    this.running = session;
    this.changed();
    this.save(session);
    // The Python worker starts while the engine loads, so the first code block does not wait for it.
    void this.python.start().catch(() => {});
    try {
      const engine = await this.engineFor(target, session, signal);
      if (target.kind === 'recording') source.label = engine.label.replace(/^Recording:\s*/, '');
      this.stage = 'generating';
      this.changed();
      await runLoop({
        protocol: target.protocol,
        engine,
        python: this.python,
        question: session.question,
        signal,
        onEvent: (event) => {
          applyLoopEvent(session, event, Date.now());
          if (event.type === 'exec-start') this.stage = 'running-python';
          else if (event.type === 'exec-end' || event.type === 'round-start') this.stage = 'generating';
          this.save(session);
          this.changed();
        },
      });
    } catch (err) {
      const error = err as Error;
      failSession(session, { name: error?.name ?? 'Error', message: error?.message ?? String(err) }, Date.now());
    } finally {
      if (this.abort === abort) this.abort = null;
      this.running = null;
      this.stage = 'idle';
      this.save(session);
      await this.saver.flush();
      this.changed();
    }
  }

  private async engineFor(target: RunTarget, session: Session, signal: AbortSignal): Promise<Engine> {
    if (target.kind === 'model') return target.getEngine(signal);
    const response = await fetch(target.url, { signal, credentials: 'same-origin' });
    if (!response.ok) {
      throw Object.assign(new Error(`The recording ${target.name} could not be loaded (${response.status} ${response.statusText || 'error'} from ${target.url}).`), { name: 'ReplayFileError' });
    }
    const file = parseReplayFile(await response.text(), target.name);
    // The recorded question is the one its rounds answer; a question typed by the user would not match.
    session.question = file.question ?? session.question;
    // `?replayChunk=` (benchmarks): fixed, larger pieces at the same pace, to stream faster than reading speed.
    const chunk = typeof location === 'undefined' ? null : parseReplayChunk(location.href);
    const size = chunk === null ? {} : { minChunk: chunk, maxChunk: chunk };
    return new ReplayEngine(file, { name: target.name, chunkDelayMs: RECORDING_CHUNK_DELAY_MS, seed: 7, ...size });
  }

  private changed(): void {
    this.frames.schedule();
  }
}

/** What the user is told when a save fails: what happened, that earlier conversations are safe, what to do. */
export function saveFailure(err: unknown): string {
  const error = err as { name?: string; message?: string } | null;
  const detail = (error?.message || error?.name || String(err)).replace(/[.\s]+$/, '');
  // idb reports a full disk as the transaction's error (QuotaExceededError) or in the message.
  if (error?.name === 'QuotaExceededError' || /quota|full/i.test(detail)) {
    return `Could not save the conversation: ${detail}. The storage for this site is full. Conversations saved earlier are kept; to save again, free space (delete old conversations, or a downloaded model under Settings › Storage).`;
  }
  return `Could not save the conversation: ${detail}. Conversations saved earlier are kept; export this one to keep it.`;
}

function newId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
