// compare.mjs SITE — checks relbook's meeting series against ical.js.
//
// For every releases/<id>/calendar.ics of a built site, expands each
// recurring VEVENT with ical.js, an implementation independent of relbook
// (RRULE, EXDATE, and TZID resolved with the VTIMEZONE in the file itself,
// never with a zone database of ical.js's own), and compares the start
// instants with relbook's own expansion in releases/<id>/schedule.json
// (meetings[].occurrences[].start). Events are matched by UID:
// "<release>.<meeting id>@…" is meetings[].id "<meeting id>".
//
// Prints one line per release, the differences if any, and exits 1 when
// there is a difference, 2 when the site cannot be read.
//
//	npm ci --prefix generator/calendar/testdata/icaljs
//	node generator/calendar/testdata/icaljs/compare.mjs public
import fs from "node:fs";
import path from "node:path";
import ICAL from "ical.js";

// Expanding stops here: no release holds more meetings than this, and a
// rule that never ends must not hang the check.
const maxOccurrences = 10000;

function fail(msg) {
  console.error(`compare.mjs: ${msg}`);
  process.exit(2);
}

// utc writes an instant the way schedule.json does (RFC 3339, seconds, Z).
function utc(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// expand returns the recurring events of a feed: UID → start instants.
function expand(text) {
  const vcalendar = new ICAL.Component(ICAL.parse(text));
  // Only the file's own zones: a missing or wrong VTIMEZONE must show up.
  ICAL.TimezoneService.reset();
  for (const vtimezone of vcalendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const series = new Map();
  for (const vevent of vcalendar.getAllSubcomponents("vevent")) {
    if (!vevent.hasProperty("rrule")) {
      continue;
    }
    const event = new ICAL.Event(vevent);
    const tzid = vevent.getFirstProperty("dtstart").getParameter("tzid");
    if (tzid && !ICAL.TimezoneService.has(tzid)) {
      throw new Error(`${event.uid}: TZID ${tzid} has no VTIMEZONE in the file`);
    }
    if (vevent.getFirstPropertyValue("status") === "CANCELLED") {
      // A meeting the handbook no longer has, published as cancelled
      // (see published.toml): it is in no schedule, but its zone must be
      // in the file and its series must expand.
      event.iterator().next();
      continue;
    }
    const starts = [];
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      if (starts.length >= maxOccurrences) {
        throw new Error(`${event.uid}: more than ${maxOccurrences} occurrences`);
      }
      starts.push(utc(next.toJSDate()));
    }
    series.set(event.uid, starts);
  }
  return series;
}

// diff lists what only one side has, in order.
function diff(ours, theirs) {
  const a = new Set(ours);
  const b = new Set(theirs);
  return {
    onlyFeed: ours.filter((x) => !b.has(x)),
    onlySchedule: theirs.filter((x) => !a.has(x)),
  };
}

function compareRelease(dir, id) {
  const feedPath = path.join(dir, "calendar.ics");
  const schedulePath = path.join(dir, "schedule.json");
  const text = fs.readFileSync(feedPath, "utf8");
  const series = expand(text);
  if (!fs.existsSync(schedulePath)) {
    // A release the handbook no longer has keeps its feed while its
    // events are published as cancelled (see published.toml): it has no
    // schedule, and every event of it must be cancelled.
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
    if (events.length > 0 && events.every((e) => e.getFirstPropertyValue("status") === "CANCELLED")) {
      return { line: `${id}: no longer in the handbook, ${events.length} cancelled event${events.length === 1 ? "" : "s"}, all equal`, problems: [] };
    }
    return { line: `${id}: no schedule.json next to calendar.ics`, problems: [`${schedulePath} is missing`] };
  }
  const schedule = JSON.parse(fs.readFileSync(schedulePath, "utf8"));
  const problems = [];
  const matched = new Set();
  let occurrences = 0;
  for (const meeting of schedule.meetings ?? []) {
    const want = (meeting.occurrences ?? []).map((o) => o.start);
    occurrences += want.length;
    const uid = [...series.keys()].find((u) => u.startsWith(`${id}.${meeting.id}@`));
    if (!uid) {
      problems.push(`meeting ${meeting.id}: no recurring VEVENT with UID ${id}.${meeting.id}@…`);
      continue;
    }
    matched.add(uid);
    const got = series.get(uid);
    const { onlyFeed, onlySchedule } = diff(got, want);
    if (onlyFeed.length || onlySchedule.length || got.length !== want.length) {
      problems.push(
        `meeting ${meeting.id}: ical.js expands ${got.length} occurrences, schedule.json lists ${want.length}` +
          (onlyFeed.length ? `\n    only in the feed:     ${onlyFeed.join(" ")}` : "") +
          (onlySchedule.length ? `\n    only in the schedule: ${onlySchedule.join(" ")}` : ""),
      );
    }
  }
  for (const uid of series.keys()) {
    if (!matched.has(uid)) {
      problems.push(`recurring VEVENT ${uid} is no meeting of schedule.json`);
    }
  }
  const n = (schedule.meetings ?? []).length;
  const summary = `${id}: ${n} meeting${n === 1 ? "" : "s"}, ${occurrences} occurrence${occurrences === 1 ? "" : "s"}, `;
  return { line: summary + (problems.length ? `${problems.length} difference${problems.length === 1 ? "" : "s"}` : "all equal"), problems };
}

const site = process.argv[2];
if (!site) {
  fail("usage: node compare.mjs SITE_FOLDER (a built site, e.g. public/)");
}
const releases = path.join(site, "releases");
if (!fs.existsSync(releases)) {
  fail(`${releases} does not exist`);
}
const ids = fs
  .readdirSync(releases, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(releases, d.name, "calendar.ics")))
  .map((d) => d.name)
  .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
if (ids.length === 0) {
  fail(`no releases/<id>/calendar.ics under ${site}`);
}
let bad = 0;
for (const id of ids) {
  let result;
  try {
    result = compareRelease(path.join(releases, id), id);
  } catch (e) {
    result = { line: `${id}: cannot compare`, problems: [String(e.message ?? e)] };
  }
  console.log(result.line);
  for (const p of result.problems) {
    console.log(`  ${p}`);
  }
  bad += result.problems.length ? 1 : 0;
}
process.exit(bad ? 1 : 0);
