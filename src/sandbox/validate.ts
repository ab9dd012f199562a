/**
 * Checks every message the sandbox sends before the app uses it. The sandbox runs code a model wrote,
 * so its messages are untrusted data: each is rebuilt field by field from known shapes (unknown fields
 * dropped, strings capped), and anything else is ignored. Pure: unit-tested in Node.
 */
import type { PythonRuntimeInfo, PythonStartStage } from '../../workers/python/contract';
import type { SandboxToApp, SerializedError } from '../../workers/python/sandbox-contract';
import type { RunResult, RunStatus } from '../python/runner';

const STAGES: PythonStartStage[] = ['spawning', 'loading-runtime', 'starting-python', 'ready'];
const STATUSES: RunStatus[] = ['ok', 'error', 'timeout', 'aborted', 'crashed'];
/** No honest message carries more text than this (the capture cap is far lower). */
const MAX_TEXT = 4_000_000;

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = MAX_TEXT): value is string => typeof value === 'string' && value.length <= max;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The message as a known shape, or null (then the app ignores it). */
export function parseSandboxMessage(data: unknown): SandboxToApp | null {
  if (!isObj(data) || typeof data.type !== 'string') return null;
  switch (data.type) {
    case 'frame-ready':
      return typeof data.interruptible === 'boolean' ? { type: 'frame-ready', interruptible: data.interruptible } : null;
    case 'died':
      return isText(data.reason, 2000) ? { type: 'died', reason: data.reason } : null;
    case 'stage':
      return STAGES.includes(data.stage as PythonStartStage) ? { type: 'stage', stage: data.stage as PythonStartStage } : null;
    case 'output':
      if (!isCount(data.runId) || (data.stream !== 'stdout' && data.stream !== 'stderr') || !isText(data.text)) return null;
      return { type: 'output', runId: data.runId, stream: data.stream, text: data.text };
    case 'fetch':
      return isCount(data.id) && isText(data.url, 4000) ? { type: 'fetch', id: data.id, url: data.url } : null;
    case 'init-done': {
      const info = parseInfo(data.info);
      return info ? { type: 'init-done', info } : null;
    }
    case 'init-failed':
    case 'run-failed':
      return { type: data.type, error: parseError(data.error) };
    case 'run-done': {
      const result = parseRunResult(data.result);
      return result ? { type: 'run-done', result } : null;
    }
    default:
      return null;
  }
}

function parseInfo(value: unknown): PythonRuntimeInfo | null {
  if (!isObj(value) || !isText(value.pyodideVersion, 100) || !isText(value.pythonVersion, 100) || typeof value.interruptible !== 'boolean') return null;
  return { pyodideVersion: value.pyodideVersion, pythonVersion: value.pythonVersion, interruptible: value.interruptible };
}

function parseError(value: unknown): SerializedError {
  const error = isObj(value) ? value : {};
  return {
    name: isText(error.name, 100) ? error.name : 'Error',
    message: isText(error.message, 10_000) ? error.message : 'The Python sandbox reported an unreadable error.',
  };
}

/** A run result rebuilt from known fields, or null when its shape is wrong. */
export function parseRunResult(value: unknown): (RunResult & { runtimeSpent?: boolean }) | null {
  if (!isObj(value) || !STATUSES.includes(value.status as RunStatus)) return null;
  if (!isText(value.stdout) || !isText(value.stderr) || !isCount(value.stdoutChars) || !isCount(value.stderrChars) || !isCount(value.durationMs)) return null;
  const result: RunResult & { runtimeSpent?: boolean } = {
    status: value.status as RunStatus,
    stdout: value.stdout,
    stderr: value.stderr,
    stdoutChars: value.stdoutChars,
    stderrChars: value.stderrChars,
    durationMs: value.durationMs,
  };
  if (Array.isArray(value.loadedPackages) && value.loadedPackages.every((name) => isText(name, 200))) {
    result.loadedPackages = [...(value.loadedPackages as string[])];
  }
  if (value.stoppedBy === 'interrupt' || value.stoppedBy === 'restart') result.stoppedBy = value.stoppedBy;
  if (isText(value.crashReason, 2000)) result.crashReason = value.crashReason;
  if (value.runtimeSpent === true) result.runtimeSpent = true;
  return result;
}

/**
 * The wheels the sandbox may ask the app to fetch: exactly the lockfile's package files under the
 * package folder. Anything else (another host, another path, a query) is refused, so a hostile script
 * that reached the fetch channel still could not use the app as a proxy.
 */
export function allowedPackageUrls(lockText: string, packageBaseUrl: string): Set<string> {
  const allowed = new Set<string>();
  let lock: unknown;
  try {
    lock = JSON.parse(lockText);
  } catch {
    return allowed;
  }
  const packages = isObj(lock) && isObj(lock.packages) ? lock.packages : {};
  for (const entry of Object.values(packages)) {
    if (isObj(entry) && isText(entry.file_name, 500)) {
      try {
        allowed.add(new URL(entry.file_name, packageBaseUrl).href);
      } catch {
        // A malformed entry names nothing fetchable.
      }
    }
  }
  return allowed;
}
