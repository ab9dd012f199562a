import type { PyodideAPI } from 'pyodide';
import type { PythonWorkerApi, PythonWorkerInit } from '../../workers/python/contract';
import { PythonRuntimeCore } from './runtime-core';
import { readStopReason, signalSlot } from './runtime-interrupt';
import { PackageLoader } from './runtime-packages';

/** Loads Pyodide the way the hosting thread can (npm package in Node, copied files in a browser). */
export type PyodideLoader = (init: PythonWorkerInit) => Promise<PyodideAPI>;

/**
 * The worker side of the contract, shared by the browser worker and the Node worker thread: only how
 * Pyodide is loaded differs between them.
 */
export function createPythonWorkerApi(loadRuntime: PyodideLoader): PythonWorkerApi {
  let core: PythonRuntimeCore | undefined;
  return {
    async init(options, onStage, onOutput, fetchPackage) {
      if (core) throw new Error('This Python worker is already initialised; start a new one for a new runtime.');
      onStage?.('loading-runtime');
      const pyodide = await loadRuntime(options);
      onStage?.('starting-python');
      if (options.interruptBuffer) pyodide.setInterruptBuffer(signalSlot(options.interruptBuffer));
      const packages = new PackageLoader(pyodide, options.packageBaseUrl, fetchPackage ? (url) => fetchPackage(url) : undefined);
      core = new PythonRuntimeCore(pyodide, {
        scriptPath: options.scriptPath,
        packages,
        stopReason: () => readStopReason(options.interruptBuffer),
        onOutput,
      });
      const pythonVersion = pyodide.runPython('import sys; sys.version.split()[0]') as string;
      onStage?.('ready');
      return { pyodideVersion: pyodide.version, pythonVersion, interruptible: Boolean(options.interruptBuffer) };
    },
    async run(request) {
      if (!core) throw new Error('The Python worker was asked to run a script before init().');
      return core.run(request);
    },
  };
}
