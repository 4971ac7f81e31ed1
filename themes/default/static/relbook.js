// relbook.js: progressive enhancement for the default theme. Every page is
// complete without it; it only adds what depends on the reader:
//
//   - the reader's own time after each timed deadline and meeting (<time
//     datetime> with a clock time in it), and each meeting's next date by
//     the reader's clock;
//   - "past" and "today" marks on dated rows and list items, an "overdue"
//     mark on checklist groups with unticked tasks, the countdown to the
//     next key deadline and the chart's today line, all from the reader's
//     clock (the build only knows the day it was made for);
//   - a note when the page was built for a different day than the reader's;
//   - checklist ticks remembered in this browser, per release and role;
//   - on a checklist, past sections of the guide folded, the This week
//     link, and every section opened for printing;
//   - search over search.json, from the box in the header;
//   - on pages opened from disk (file://), links to folders go to their
//     index.html, as a web server would.
//
// It loads nothing but the site's own search.json, and sends nothing.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  // Whole days from one YYYY-MM-DD to another.
  function daysBetween(a, b) {
    function utc(s) { return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)); }
    return Math.round((utc(b) - utc(a)) / 86400000);
  }

  var now = new Date();
  var today = isoDate(now);

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    return e;
  }
  function time(d) {
    var t = el("time", longDate(d));
    t.setAttribute("datetime", d);
    return t;
  }

  // Dates as YYYY-MM-DD strings, computed in UTC so that no zone moves them.
  function utcDate(s) { return new Date(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10))); }
  function addDays(s, n) { return new Date(utcDate(s).getTime() + n * 86400000).toISOString().slice(0, 10); }
  function monday(s) { return addDays(s, -((utcDate(s).getUTCDay() + 6) % 7)); }
  // "Monday 23 November 2026", as the page writes a date.
  function longDate(s) {
    var d = utcDate(s);
    return ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][d.getUTCDay()] + " " +
      d.getUTCDate() + " " + ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"][d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  // Whether a dated element is over: a timed deadline once its instant
  // has passed, a date once the day is over where the reader is.
  function isPast(el) {
    var at = el.getAttribute("data-at");
    if (at) { return new Date(at).getTime() <= now.getTime(); }
    return el.getAttribute("data-due") < today;
  }

  // The reader's time is written the way the page writes dates:
  // "Friday 30 October 2026, 05:00 PDT", in the reader's zone.
  var format = null;
  try {
    var parts = new Intl.DateTimeFormat("en-GB", {
      weekday: "long", day: "numeric", month: "long", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
    });
    format = {
      format: function (t) {
        var p = {};
        parts.formatToParts(t).forEach(function (x) { p[x.type] = x.value; });
        return p.weekday + " " + p.day + " " + p.month + " " + p.year + ", " + p.hour + ":" + p.minute + " " + p.timeZoneName;
      }
    };
  } catch (e) { /* no Intl: leave the times as built */ }

  // A meeting's "next meeting" is the first of its dates not yet begun by
  // the reader's clock; the page was built with the first on its day.
  document.querySelectorAll(".meeting").forEach(function (meeting) {
    var next = meeting.querySelector(".meeting-next .next");
    if (!next) { return; }
    var all = meeting.querySelectorAll("ol.occurrences time[datetime]");
    for (var i = 0; i < all.length; i++) {
      if (new Date(all[i].getAttribute("datetime")).getTime() >= now.getTime()) {
        next.replaceChildren(all[i].cloneNode(true));
        return;
      }
    }
    meeting.querySelector(".meeting-next").hidden = true; // the series is over
  });

  // A reader on UTC already sees their time: every instant is shown in UTC.
  if (format && now.getTimezoneOffset() !== 0) {
    document.querySelectorAll("main time[datetime*='T']").forEach(function (el) {
      var t = new Date(el.getAttribute("datetime"));
      if (isNaN(t.getTime())) { return; }
      var local = document.createElement("span");
      local.className = "local-time";
      local.textContent = "your time: " + format.format(t);
      el.after(local);
    });
  }

  function markDue(el) {
    var from = el.getAttribute("data-from") || el.getAttribute("data-due");
    if (isPast(el)) {
      el.classList.add("past");
    } else if (from <= today) {
      el.classList.add("today");
    }
  }
  document.querySelectorAll("[data-due]").forEach(markDue);

  // A checklist's Due next box shows three days and holds a few more,
  // hidden: the days over for the reader leave it and the next ones take
  // their places, as in a build for the reader's day.
  var dueNext = document.querySelector(".due-next");
  if (dueNext) {
    var shown = 0;
    dueNext.querySelectorAll(".due-next > ul > li[data-due]").forEach(function (li) {
      li.hidden = isPast(li) || shown === 3;
      if (!li.hidden) { shown++; }
    });
    if (!shown) {
      dueNext.querySelector("ul").after(el("p", "Nothing this box knew of is still ahead: the sections below have every date."));
    }
  }

  document.querySelectorAll(".as-of[data-today]").forEach(function (el) {
    if (el.getAttribute("data-today") !== today) {
      var note = document.createElement("span");
      note.textContent = " Where you are it is now " + longDate(today) + ", so some of this may have changed.";
      el.append(note);
    }
  });

  // Status badges: an element with data-status (JSON [first day, name,
  // class] from each day on; planned before the first) shows the status
  // of the reader's day in its .status badge.
  function statusOn(days, day) {
    var v = ["planned", "planned"];
    days.forEach(function (s) { if (s[0] <= day) { v = [s[1], s[2]]; } });
    return v;
  }
  function setStatus(badge, days) {
    var v = statusOn(days, today);
    badge.className = "status status-" + v[1];
    badge.textContent = v[0];
  }
  document.querySelectorAll("[data-status]").forEach(function (el) {
    var badge = el.querySelector(".status");
    try { if (badge) { setStatus(badge, JSON.parse(el.getAttribute("data-status"))); } } catch (e) { /* as built */ }
  });

  // A release page's support phases: the one holding the reader's day is
  // marked "now", as the build marks the one holding its own.
  document.querySelectorAll("table.support tr[data-from][data-due]").forEach(function (tr) {
    var now = tr.getAttribute("data-from") <= today && today <= tr.getAttribute("data-due");
    var mark = tr.querySelector(".now-mark");
    tr.classList.toggle("current", now);
    if (now) { tr.setAttribute("aria-current", "true"); } else { tr.removeAttribute("aria-current"); }
    if (now && !mark) {
      mark = el("span", "now");
      mark.className = "now-mark";
      tr.querySelector("th").append(" ", mark);
    } else if (!now && mark) {
      var before = mark.previousSibling;
      if (before && before.nodeType === 3) { before.textContent = before.textContent.replace(/ $/, ""); }
      mark.remove();
    }
  });

  // The dashboard for the reader's day: status badges, the current
  // release's week, R-N and phase, the week of "Due this week", the next
  // key dates and the countdown, by the build's own rules (docs/themes.md)
  // from the dates in the data-* attributes of the Releases table.
  var rows = document.querySelectorAll("table.releases tr[data-status]");
  if (rows.length) {
    var data = { releases: {}, current: null, written: false };
    rows.forEach(function (tr) {
      var status = [];
      try { status = JSON.parse(tr.getAttribute("data-status")); } catch (e) { /* planned, as far as the script knows */ }
      data.releases[tr.getAttribute("data-release")] = {
        start: tr.getAttribute("data-start"), release: tr.getAttribute("data-release-day"), status: status
      };
    });
    var section = document.querySelector("section.current");
    var card = section && section.querySelector(".card[data-release]");
    data.current = card && card.getAttribute("data-release");
    data.written = !!section && section.hasAttribute("data-written");
    dashboard(data);
  }

  function dashboard(data) {
    var releases = data.releases || {};
    var card = document.querySelector(".current .card");
    // The current release by the build's rule: the one whose cycle holds
    // the day (the earliest to release), else the next to start, else
    // the last released. When that is another release than the build's,
    // the card becomes that release's, from what the Releases table has
    // of it (name, status, cycle), and says that the page was built
    // before the change: its phases and key dates are on its own page.
    var moved = null;
    if (!data.written && card && releases[data.current]) {
      var best = null, id;
      for (id in releases) {
        var r = releases[id];
        if (r.start <= today && today <= r.release && (!best || r.release < releases[best].release)) { best = id; }
      }
      if (!best) {
        for (id in releases) { if (releases[id].start > today && (!best || releases[id].start < releases[best].start)) { best = id; } }
      }
      if (!best) {
        for (id in releases) { if (!best || releases[id].release > releases[best].release) { best = id; } }
      }
      var row = best && best !== data.current && document.querySelector("tr[data-release='" + best + "']");
      if (row) { moved = { id: best, row: row, built: card.querySelector(".release-name a") }; }
    }
    if (moved) {
      var name = card.querySelector(".release-name");
      var builtName = moved.built ? moved.built.textContent : data.current;
      name.textContent = "";
      moved.row.querySelector("th").childNodes.forEach(function (n) { name.append(n.cloneNode(true)); });
      var badge = el("span");
      badge.className = "status";
      name.append(" ", badge);
      card.setAttribute("data-release", moved.id);
      var times = moved.row.querySelectorAll("td time");
      var cycle = card.querySelector(".cycle-week");
      if (cycle && times.length === 2) {
        var line = cycle.parentNode;
        line.textContent = "";
        line.append("Cycle: ", times[0].cloneNode(true), " → ", times[1].cloneNode(true), cycle);
      }
      card.querySelectorAll(".phase-now[data-from]").forEach(function (p) { p.remove(); });
      var none = card.querySelector(".phase-none");
      var link = moved.row.querySelector("th a");
      if (none && link) {
        var more = link.cloneNode(false);
        more.textContent = "its page";
        none.textContent = "";
        none.append("Its phases and key dates are on ", more, ".");
        none.hidden = false;
      }
      var asOf = document.querySelector(".as-of[data-today]");
      var note = el("p");
      note.className = "current-moved";
      note.append("This page was built " + (asOf ? "for " + longDate(asOf.getAttribute("data-today")) + ", " : "") +
        "when " + builtName + " was the current release. Where you are it is now " + longDate(today) + ", and the current release is ",
        link ? link.cloneNode(true) : moved.id, ".");
      card.prepend(note);
      document.querySelectorAll("table.releases tr.current").forEach(function (tr) { tr.classList.remove("current"); });
      moved.row.classList.add("current");
      data.current = moved.id;
    }
    var cardBadge = document.querySelector(".current .card[data-release] .release-name .status");
    if (cardBadge && releases[data.current]) { setStatus(cardBadge, releases[data.current].status); }

    var cur = releases[data.current];
    if (cur && card) {
      // Week N holds the start day; R-N counts weeks to the one holding
      // the release day, R+0.
      var week = function (d) { return daysBetween(monday(cur.start), monday(d)) / 7 + 1; };
      var span = card.querySelector(".cycle-week");
      if (span) {
        span.textContent = "";
        if (cur.start <= today && today <= cur.release) {
          var strong = document.createElement("strong");
          strong.textContent = "Week " + week(today) + " of " + week(cur.release);
          var n = daysBetween(monday(today), monday(cur.release)) / 7;
          span.append(" · ", strong, " · R" + (n > 0 ? "-" + n : "+" + -n));
        }
      }
      if (!moved) {
        var phases = card.querySelectorAll(".phase-now[data-from]");
        var any = false;
        phases.forEach(function (p) {
          p.hidden = !(p.getAttribute("data-from") <= today && today <= p.getAttribute("data-to"));
          any = any || !p.hidden;
        });
        var noPhase = card.querySelector(".phase-none");
        if (noPhase) { noPhase.hidden = any; }
      }
    }

    // "Due this week": the reader's week, from the release's due.json
    // (fetched only when the week is not the build's); opened from disk,
    // where nothing can be fetched, what the page has of the week.
    var due = document.querySelector(".due-week");
    var range = due && due.querySelectorAll(".week-range time");
    var mon = monday(today), sun = addDays(mon, 6);
    // After the current release changed, what is due comes from the new
    // one's due.json (none: it has no checklist).
    var dueURL = due && due.getAttribute("data-due-json");
    if (moved && range) {
      dueURL = dueURL && dueURL.replace(/[^\/]+\/due\.json$/, encodeURIComponent(moved.id) + "/due.json");
      var named = range.length && range[0].closest("p");
      var newName = moved.row.querySelector("th a");
      if (named && newName) {
        var tail = [].filter.call(named.childNodes, function (n) { return n.nodeType === 3; }).pop();
        if (tail) { tail.textContent = tail.textContent.replace(/ for .*\.$/, " for " + newName.textContent + "."); }
      }
    }
    if (range && range.length === 2 && (range[0].getAttribute("datetime") !== mon || moved)) {
      var built = [].map.call(range, function (r) { return [r.getAttribute("datetime"), r.textContent]; });
      [mon, sun].forEach(function (d, i) {
        range[i].setAttribute("datetime", d);
        range[i].textContent = longDate(d);
      });
      // Where due.json cannot be read (a page opened from disk), the
      // list stays the build's week's, and says so: the reader's week
      // may well have tasks the page does not carry.
      var asBuilt = function () {
        built.forEach(function (b, i) {
          range[i].setAttribute("datetime", b[0]);
          range[i].textContent = b[1];
        });
        var note = el("p", "This is the week the page was built for; each role’s checklist has the tasks of this week.");
        note.className = "muted";
        range[0].closest("p").after(note);
      };
      var list = due.querySelector(".roles-due");
      var empty = list ? null : due.querySelector(".week-range ~ p");
      var show = function (roles) {
        var ul = document.createElement("ul");
        ul.className = "roles-due";
        roles.forEach(function (role) {
          var groups = role.groups.filter(function (g) { return g.due >= mon && g.due <= sun; });
          if (!groups.length) { return; }
          var li = el("li"), h3 = el("h3"), a = el("a", role.title), gl = el("ul");
          a.href = role.url;
          h3.append(a);
          gl.className = "due-groups";
          groups.forEach(function (g) {
            var gi = el("li"), ga = el("a", "Due "), tasks = el("ul"), state = el("span");
            gi.setAttribute("data-due", g.due);
            if (g.from) { gi.setAttribute("data-from", g.from); ga.append(time(g.from), " – "); }
            ga.append(time(g.due));
            ga.href = g.url;
            state.className = "due-state";
            tasks.className = "due-tasks";
            g.tasks.forEach(function (t) { tasks.append(el("li", t)); });
            if (g.more) { var more = el("li", "and " + g.more + " more"); more.className = "muted"; tasks.append(more); }
            gi.append(ga, state, tasks);
            markDue(gi);
            gl.append(gi);
          });
          li.append(h3, gl);
          ul.append(li);
        });
        var p = el("p", "No checklist has anything due this week.");
        var now = ul.children.length ? ul : p;
        (list || empty).replaceWith(now);
        list = now.tagName === "UL" ? now : null;
        empty = list ? null : now;
        due.setAttribute("data-week", mon);
      };
      var url = dueURL;
      if (url && location.protocol !== "file:" && window.fetch) {
        fetch(url).then(function (r) {
          if (moved && r.status === 404) { return { roles: [] }; }
          if (!r.ok) { throw new Error(r.status); }
          return r.json();
        }).then(function (data) {
          var base = new URL(url, location.href);
          data.roles.forEach(function (role) {
            role.url = new URL(role.url, base).href;
            role.groups.forEach(function (g) { g.url = new URL(g.url, base).href; });
          });
          show(data.roles);
        }).catch(asBuilt);
      } else {
        asBuilt();
      }
    } else if (due) {
      due.setAttribute("data-week", mon);
    }

    // Key dates that are over for the reader leave the list, as they
    // leave it in a build for the reader's day.
    var deadlines = document.querySelector(".deadlines");
    if (deadlines) {
      var ahead = 0;
      deadlines.querySelectorAll("li[data-due]").forEach(function (li) { li.hidden = isPast(li); if (!li.hidden) { ahead++; } });
      if (!ahead) {
        deadlines.after(el("p", "No key date on this page is still ahead: each release’s page below has its schedule."));
      }
    }
  }

  // The countdown to the next key deadline that has not passed for the
  // reader; the list of next key dates holds the candidates. Days are
  // counted as the build counts them: from the reader's date to the
  // deadline's written date (Thursday 3 December for "Thursday 3
  // December (AoE)"), not to the reader's date of its instant.
  var countdown = document.querySelector(".countdown");
  if (countdown) {
    var next = null;
    document.querySelectorAll(".deadlines li[data-due]").forEach(function (li) {
      if (!next && !isPast(li)) { next = li; }
    });
    var text = countdown.querySelector(".countdown-text");
    if (!next) {
      countdown.hidden = true; // the page knows of no deadline ahead
    } else if (text) {
      var name = countdown.querySelector(".name");
      var nextName = next.querySelector(".name");
      if (name && nextName && name.getAttribute("href") !== nextName.getAttribute("href")) {
        name.replaceWith(nextName.cloneNode(true));
        var when = countdown.querySelector(".countdown-when");
        var nextWhen = next.querySelector(".when");
        if (when && nextWhen) { when.innerHTML = nextWhen.innerHTML; }
      }
      var days = daysBetween(today, next.getAttribute("data-from") || next.getAttribute("data-due"));
      var words;
      if (days < 0) {
        // A timed deadline whose written day is over where the reader
        // is (an AoE deadline read in Europe) is still open: today.
        words = next.getAttribute("data-at") ? "today" : "under way until " + longDate(next.getAttribute("data-due"));
      } else if (days === 0) {
        words = "today";
      } else if (days === 1) {
        words = "tomorrow";
      } else {
        words = "in " + days + " days";
      }
      text.textContent = words;
    }
  }

  // The chart's today line, moved to the reader's date.
  document.querySelectorAll("svg.chart-svg[data-first]").forEach(function (svg) {
    var g = svg.querySelector(".today-line");
    if (!g) { return; }
    var n = daysBetween(svg.getAttribute("data-first"), today);
    var days = +svg.getAttribute("data-days");
    if (n < 0 || n >= days) {
      g.setAttribute("display", "none");
      return;
    }
    var x = +svg.getAttribute("data-left") + (n + 0.5) * +svg.getAttribute("data-day-width");
    var width = svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 1000;
    x = Math.round(x * 10) / 10;
    g.querySelectorAll("line").forEach(function (l) { l.setAttribute("x1", x); l.setAttribute("x2", x); });
    g.querySelectorAll("text").forEach(function (t) {
      t.setAttribute("x", x);
      t.setAttribute("text-anchor", x < 40 ? "start" : x > width - 40 ? "end" : "middle");
    });
    g.removeAttribute("display");
    // On a narrow screen the chart scrolls: bring today into view.
    var box = svg.parentElement;
    if (box && box.scrollWidth > box.clientWidth) {
      box.scrollLeft = Math.max(0, x / width * svg.clientWidth - box.clientWidth / 2);
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

  // Checklist ticks, remembered in this browser per release, role and task
  // (the checkbox ids are <release>-<role>-<task id>). A group whose due
  // date has passed with tasks unticked is marked overdue.
  document.querySelectorAll(".checklist[data-storage]").forEach(function (list) {
    var key = list.getAttribute("data-storage");
    var ticks = {};
    try { ticks = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { ticks = {}; }
    var boxes = list.querySelectorAll("input[type=checkbox][id]");
    // A task whose id changed names its former ids in data-was (without
    // the <release>-<role>- prefix, which the storage key holds): a tick
    // remembered under one of them moves to the new id, once. A former id
    // that is another task's id on this page is that task's tick.
    var prefix = key.split(":").slice(1).join("-") + "-";
    var moved = false;
    boxes.forEach(function (box) {
      var was = box.getAttribute("data-was");
      if (!was || Object.prototype.hasOwnProperty.call(ticks, box.id)) { return; }
      was.split(" ").some(function (old) {
        old = prefix + old;
        if (!Object.prototype.hasOwnProperty.call(ticks, old) || document.getElementById(old)) { return false; }
        ticks[box.id] = ticks[old];
        delete ticks[old];
        moved = true;
        return true;
      });
    });
    if (moved) {
      try { localStorage.setItem(key, JSON.stringify(ticks)); } catch (e) { /* storage full or off */ }
    }
    // A link to a task's former id goes to the task.
    var follow = function () {
      var wanted = location.hash && decodeURIComponent(location.hash.slice(1));
      if (!wanted || wanted.indexOf(prefix) !== 0 || document.getElementById(wanted)) { return; }
      boxes.forEach(function (box) {
        var was = box.getAttribute("data-was");
        if (was && (" " + was + " ").indexOf(" " + wanted.slice(prefix.length) + " ") >= 0) { location.replace("#" + box.id); }
      });
    };
    follow();
    window.addEventListener("hashchange", follow);
    function markOverdue() {
      list.querySelectorAll(".task-group[data-due], .guide-section[data-due]").forEach(function (group) {
        var open = group.querySelector("input[type=checkbox]:not(:checked)");
        var overdue = !!open && isPast(group);
        group.classList.toggle("overdue", overdue);
        var heading = group.querySelector(group.classList.contains("guide-section") ? ":scope > .section-due" : "h2");
        var mark = heading && heading.querySelector(".overdue-mark");
        if (overdue && heading && !mark) {
          mark = document.createElement("span");
          mark.className = "overdue-mark";
          mark.textContent = "overdue";
          heading.append(" ", mark);
        } else if (!overdue && mark) {
          mark.remove();
        }
      });
    }
    boxes.forEach(function (box) {
      if (Object.prototype.hasOwnProperty.call(ticks, box.id)) { box.checked = !!ticks[box.id]; }
      box.addEventListener("change", function () {
        ticks[box.id] = box.checked;
        try { localStorage.setItem(key, JSON.stringify(ticks)); } catch (e) { /* storage full or off */ }
        markOverdue();
      });
    });
    markOverdue();
    function apply(saved) {
      ticks = saved;
      try {
        if (Object.keys(ticks).length) { localStorage.setItem(key, JSON.stringify(ticks)); } else { localStorage.removeItem(key); }
      } catch (e) { /* storage off */ }
      boxes.forEach(function (box) {
        box.checked = Object.prototype.hasOwnProperty.call(ticks, box.id) ? !!ticks[box.id] : box.defaultChecked;
      });
      markOverdue();
    }
    // Clearing asks nothing, but can be undone for a while.
    document.querySelectorAll(".reset-ticks").forEach(function (button) {
      var label = button.textContent;
      var undo = null;
      var timer = 0;
      // What clearing and undoing did, said to screen readers too.
      var said = document.createElement("span");
      said.className = "visually-hidden tick-status";
      said.setAttribute("role", "status");
      button.after(said);
      button.hidden = false;
      button.addEventListener("click", function () {
        clearTimeout(timer);
        if (undo) {
          apply(undo);
          undo = null;
          button.textContent = label;
          said.textContent = "Your ticks are back.";
          return;
        }
        undo = ticks;
        apply({});
        button.textContent = "Undo clearing";
        said.textContent = "All ticks cleared. Press Undo clearing within 10 seconds to bring them back.";
        timer = setTimeout(function () { undo = null; button.textContent = label; said.textContent = ""; }, 10000);
      });
    });
  });

  // A checklist that shows its guide: the dated sections whose day is
  // over for the reader start folded, the others open; "This week" goes
  // to the section of the reader's week, or else the next one due; and
  // printing shows every section.
  var sections = document.querySelectorAll("section.guide-section[data-due]");
  if (sections.length) {
    var body = function (s) { return s.querySelector(":scope > details.section-body"); };
    var monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (now.getDay() + 6) % 7);
    var nextMonday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
    var thisWeek = null;
    sections.forEach(function (s) {
      var b = body(s);
      if (b) { b.open = !isPast(s); }
      // Every fold reads "Tasks and notes": its heading says whose.
      var h = s.querySelector(":scope > [id]");
      var summary = b && b.querySelector(":scope > summary");
      if (h && summary) { summary.setAttribute("aria-describedby", h.id); }
      var due = s.getAttribute("data-due");
      // The status as the reader's day makes it, as the build did for its own.
      var status = s.querySelector(":scope > .section-due .section-status");
      if (status) {
        status.textContent = isPast(s) ? "past" : (s.getAttribute("data-from") || due) <= today ? "due now" :
          due < isoDate(nextMonday) ? "this week" : "upcoming";
      }
      if (due >= isoDate(monday) && (!thisWeek || due < thisWeek.getAttribute("data-due"))) { thisWeek = s; }
    });
    var heading = thisWeek && thisWeek.querySelector(":scope > [id]");
    document.querySelectorAll("a.this-week").forEach(function (a) {
      if (heading) { a.setAttribute("href", "#" + heading.id); } else { a.hidden = true; }
      a.addEventListener("click", function () {
        var target = document.getElementById(a.getAttribute("href").slice(1));
        var b = target && target.parentElement && body(target.parentElement);
        if (b) { b.open = true; }
      });
    });
    var all = document.querySelectorAll("details.section-body");
    document.querySelectorAll("button.fold-all").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var opening = button.getAttribute("aria-pressed") !== "true";
        sections.forEach(function (s) { var b = body(s); if (b) { b.open = opening || !isPast(s); } });
        button.setAttribute("aria-pressed", opening ? "true" : "false");
        button.textContent = opening ? "Fold past sections" : "Open every section";
      });
    });
    // A link to a task or heading inside a folded section opens it.
    var reveal = function () {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      for (var el = target; el; el = el.parentElement) {
        if (el.tagName === "DETAILS" && el.classList.contains("section-body")) { el.open = true; }
      }
    };
    reveal();
    window.addEventListener("hashchange", reveal);
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = [];
      all.forEach(function (b) { if (!b.open) { closed.push(b); b.open = true; } });
    });
    window.addEventListener("afterprint", function () {
      closed.forEach(function (b) { b.open = false; });
      closed = [];
    });
  }

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

  document.querySelectorAll("button.print-page").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Search. The box stays hidden where search.json cannot be fetched
  // (pages opened from disk) and appears once the page knows where the
  // index is; the index itself is fetched on first use.
  var form = document.querySelector("form.search[data-index]");
  if (form && location.protocol !== "file:" && window.fetch) {
    var input = form.querySelector("input");
    var results = form.querySelector(".search-results");
    var status = form.querySelector("#search-status");
    var root = form.getAttribute("data-root") || "./";
    var entries = null;
    var loading = null;
    var weight = { release: 6, role: 6, page: 5, term: 5, feed: 4, milestone: 4, heading: 2, task: 1 };
    // Words a question is made of that say nothing of what it looks for:
    // "when is code freeze" looks for "code freeze". A query of such
    // words alone is searched as it is.
    var stop = {};
    ("a an and are at be by can do does for from how i in is it my of on or " +
     "the to was we what when where which who why will with").split(" ").forEach(function (w) { stop[w] = true; });
    // Words that mean the feeds, which are titled by what they hold.
    var synonyms = { calendar: "feed", calendars: "feed", subscribe: "feed", ical: "feed", ics: "feed", webcal: "feed" };

    form.hidden = false;

    function fold(s) {
      s = String(s || "").toLowerCase();
      return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
    }
    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-index")).then(function (r) {
          if (!r.ok) { throw new Error(r.status); }
          return r.json();
        }).then(function (data) {
          entries = (data.entries || []).map(function (e, i) {
            return { e: e, i: i, title: fold(e.title), text: fold(e.text), kind: e.kind };
          });
        }).catch(function () {
          form.hidden = true; // no index: no search, rather than a box that finds nothing
        });
      }
      return loading;
    }
    function startsWord(hay, w) {
      var i = hay.indexOf(w);
      while (i >= 0) {
        if (i === 0 || /[^a-z0-9]/.test(hay.charAt(i - 1))) { return true; }
        i = hay.indexOf(w, i + 1);
      }
      return false;
    }
    function find(query) {
      var q = fold(query).trim().replace(/\s+/g, " ");
      if (!q || !entries) { return []; }
      var words = q.split(" ").filter(function (w) { return !stop[w.replace(/[^a-z0-9]/g, "")]; })
        .map(function (w) { return w.replace(/^[^a-z0-9]+|[?!.,;:]+$/g, ""); })
        .filter(function (w) { return w; });
      if (!words.length) { words = q.split(" "); }
      q = words.join(" ");
      var found = [];
      entries.forEach(function (x) {
        var score = 0;
        for (var k = 0; k < words.length; k++) {
          var w = words[k];
          if (startsWord(x.title, w)) { score += 10; }
          else if (x.title.indexOf(w) >= 0) { score += 5; }
          else if (synonyms[w] && x.kind === synonyms[w]) { score += 8; }
          else if (startsWord(x.text, w)) { score += 2; }
          else if (x.text.indexOf(w) >= 0) { score += 1; }
          else { return; }
        }
        if (x.title === q) { score += 100; }
        else if (x.title.indexOf(q) === 0) { score += 50; }
        else if (x.title.indexOf(q) >= 0) { score += 25; }
        if (x.e.current) { score += 3; }
        found.push({ x: x, score: score + (weight[x.e.kind] || 0) });
      });
      found.sort(function (a, b) { return b.score - a.score || a.x.i - b.x.i; });
      return found.slice(0, 12).map(function (f) { return f.x.e; });
    }
    function close() {
      results.hidden = true;
    }
    function show() {
      var query = input.value;
      results.textContent = "";
      if (!query.trim()) { close(); status.textContent = ""; return; }
      var hits = find(query);
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.url;
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = e.title;
        var kind = document.createElement("span");
        kind.className = "result-kind";
        kind.textContent = e.kind;
        a.append(title, kind);
        if (e.text) {
          var text = document.createElement("span");
          text.className = "result-text";
          text.textContent = e.text;
          a.append(text);
        }
        li.append(a);
        results.append(li);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = "Nothing found for “" + query.trim() + "”.";
        results.append(none);
      }
      status.textContent = hits.length ? hits.length + (hits.length === 1 ? " result" : " results") + "; press the down arrow to reach them." : "No results.";
      results.hidden = false;
    }
    function links() { return Array.prototype.slice.call(results.querySelectorAll("a")); }

    input.addEventListener("focus", load);
    // "/" opens the search from anywhere on the page, as in mdBook,
    // unless the reader is typing somewhere.
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
      if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        input.focus();
      }
    });
    input.addEventListener("input", function () { load().then(show); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      load().then(function () {
        show();
        var first = links()[0];
        if (first) { location.href = first.href; }
      });
    });
    form.addEventListener("keydown", function (ev) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && all.length) {
        ev.preventDefault();
        all[at < 0 ? 0 : Math.min(at + 1, all.length - 1)].focus();
      } else if (ev.key === "ArrowUp" && at >= 0) {
        ev.preventDefault();
        if (at === 0) { input.focus(); } else { all[at - 1].focus(); }
      } else if (ev.key === "Escape") {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", function (ev) {
      if (!form.contains(ev.target)) { close(); }
    });
    form.addEventListener("focusout", function (ev) {
      if (ev.relatedTarget && !form.contains(ev.relatedTarget)) { close(); }
    });
  }
})();
