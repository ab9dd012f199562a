/** The sandbox worker's source, bundled into one classic script by scripts/vite-plugin-pyodide.ts. */
declare module 'virtual:r1ci-python-sandbox-worker' {
  const source: string;
  export default source;
}
