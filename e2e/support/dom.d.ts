// Functions passed to page.evaluate run in the browser: the e2e files are typed against the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
