package serve

import (
	"bytes"
	"fmt"
)

// reloadScript is added to every HTML page the preview serves. It keeps a
// connection to EventsPath, reloads the page after a good rebuild, and shows
// the problems of a bad one in an overlay. Problems are set as textContent,
// so a message quoting markup from the site folder is shown, not run; its
// styles are all set, so that no rule of the site's stylesheet changes it.
const reloadScript = `<script>/* relbook serve: live reload; not part of the built site */
(function () {
  "use strict";
  var build = %d;
  if (!window.EventSource) { return; }
  var box = null;
  function show(problems) {
    if (!box) {
      box = document.createElement("div");
      box.id = "relbook-serve-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.25em;background:#7f1d1d;color:#fff;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -2px 12px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "relbook: the site has errors, which a build would refuse; fix them and the page reloads.";
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:.5em 0 0;padding:0;border:0;border-radius:0;background:none;color:inherit;font:inherit";
    list.textContent = problems.join("\n");
    box.appendChild(title);
    box.appendChild(list);
  }
  var events = new EventSource("/_relbook/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("hello", function (e) {
    if (JSON.parse(e.data).build !== build) { location.reload(); }
  });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
})();
</script>
`

// injectScript adds the reload script to an HTML page, just before its
// last </body>, or at the end of a page without one. The page's own bytes
// are not changed.
func injectScript(page []byte, build int) []byte {
	script := fmt.Sprintf(reloadScript, build)
	at := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}
