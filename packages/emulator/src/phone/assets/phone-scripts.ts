import { appJs } from './app-js.js';
import { composerJs } from './composer-js.js';
import { controlApiJs } from './control-api-js.js';
import { domJs } from './dom-js.js';
import { listSheetJs } from './list-sheet-js.js';
import { messageContentJs } from './message-content-js.js';
import { threadViewJs } from './thread-view-js.js';

/**
 * The page's browser modules by file name. They are plain ES modules (no build step) kept as
 * strings so that `tsc -b` carries them into dist and tests running the TypeScript sources serve
 * the very same bytes; they import each other relatively (`./dom.js`), so every one is served
 * beside `app.js` under the page's prefix.
 */
export const phoneScripts: Readonly<Record<string, string>> = {
  'app.js': appJs,
  'composer.js': composerJs,
  'control-api.js': controlApiJs,
  'dom.js': domJs,
  'list-sheet.js': listSheetJs,
  'message-content.js': messageContentJs,
  'thread-view.js': threadViewJs,
};
