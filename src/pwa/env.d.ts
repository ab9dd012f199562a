/** The build's version, defined by pwa.config.ts (`PWA_VERSION`, else package version + commit). */
declare const __PWA_VERSION__: string;
