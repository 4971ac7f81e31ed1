// relbook.js: progressive enhancement for the default theme. Every page is
// complete without it; it only adds what depends on the reader:
//
//   - the reader's own time after each timed deadline (<time datetime> with
//     a clock time in it);
//   - "past" and "today" marks on dated rows and list items, from the
//     reader's clock (the build only knows the day it was made for);
//   - a note when the page was built for a different day than the reader's;
//   - on pages opened from disk (file://), links to folders go to their
//     index.html, as a web server would.
//
// It loads nothing and sends nothing.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  var now = new Date();
  var today = isoDate(now);

  var format = null;
  try {
    format = new Intl.DateTimeFormat(undefined, {
      weekday: "short", day: "numeric", month: "short",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
  } catch (e) { /* no Intl: leave the times as built */ }

  // A reader on UTC already sees their time: every instant is shown in UTC.
  if (format && now.getTimezoneOffset() !== 0) {
    document.querySelectorAll("main time[datetime*='T']").forEach(function (el) {
      var t = new Date(el.getAttribute("datetime"));
      if (isNaN(t.getTime())) { return; }
      var local = document.createElement("span");
      local.className = "local-time";
      local.textContent = " (your time: " + format.format(t) + ")";
      el.after(local);
    });
  }

  document.querySelectorAll("[data-due]").forEach(function (el) {
    var due = el.getAttribute("data-due");
    var from = el.getAttribute("data-from") || due;
    if (due < today) {
      el.classList.add("past");
    } else if (from <= today) {
      el.classList.add("today");
    }
  });

  document.querySelectorAll(".as-of[data-today]").forEach(function (el) {
    if (el.getAttribute("data-today") !== today) {
      var note = document.createElement("span");
      note.textContent = " Where you are it is now " + today + ", so some of this may have changed.";
      el.append(note);
    }
  });

  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#" || href.charAt(0) === "/") { return; }
      var hash = href.indexOf("#");
      var path = hash < 0 ? href : href.slice(0, hash);
      if (path === "" || path.charAt(path.length - 1) === "/") {
        a.setAttribute("href", (path === "" ? "./" : path) + "index.html" + (hash < 0 ? "" : href.slice(hash)));
      }
    });
  }

  // Checklist ticks, remembered in this browser per release, role and task.
  document.querySelectorAll(".checklist[data-storage]").forEach(function (list) {
    var key = list.getAttribute("data-storage");
    var ticks = {};
    try { ticks = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { ticks = {}; }
    var boxes = list.querySelectorAll("input[type=checkbox][id]");
    boxes.forEach(function (box) {
      if (Object.prototype.hasOwnProperty.call(ticks, box.id)) { box.checked = !!ticks[box.id]; }
      box.addEventListener("change", function () {
        ticks[box.id] = box.checked;
        try { localStorage.setItem(key, JSON.stringify(ticks)); } catch (e) { /* storage full or off */ }
      });
    });
    document.querySelectorAll(".reset-ticks").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        ticks = {};
        try { localStorage.removeItem(key); } catch (e) { /* storage off */ }
        boxes.forEach(function (box) { box.checked = box.defaultChecked; });
      });
    });
  });

  // Copy buttons on announcement templates and calendar addresses.
  if (navigator.clipboard) {
    document.querySelectorAll("button.copy-url[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 2000);
        });
      });
    });
    document.querySelectorAll(".template-block").forEach(function (block) {
      var button = block.querySelector("button.copy");
      var code = block.querySelector("pre");
      if (!button || !code) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 2000);
        });
      });
    });
  }
})();
