/**
 * App entry. Only the page's own code loads here; web-llm and Pyodide load inside their workers, so the
 * first render does not wait for megabytes of runtime.
 */
import './components/r1ci-app';
