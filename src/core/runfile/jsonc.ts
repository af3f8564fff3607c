/**
 * jsonc-parser, imported through its ES module build. Its default `main` is a UMD bundle whose
 * lazy `require('./impl/…')` calls esbuild cannot follow, so a bundled CLI or extension would
 * fail at run time with "Cannot find module './impl/format'".
 */
export { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, stripComments } from 'jsonc-parser/lib/esm/main.js';
export type { Node, ParseError } from 'jsonc-parser/lib/esm/main.js';
