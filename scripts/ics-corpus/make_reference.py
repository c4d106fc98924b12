#!/usr/bin/env python3
"""Build a "busy time" reference data set from the .ics files in ics/.

Reference expander: recurring-ical-events (with icalendar as parser).
Run with the venv interpreter:  venv/bin/python make_reference.py

Output: reference.jsonl, one JSON object per line, sorted by file name:
  {"file": NAME, "from": RFC3339Z, "to": RFC3339Z, "intervals": [[start_ms, end_ms], ...]}
  {"file": NAME, "reference_error": "..."}                       (parse failed)
  {"file": NAME, "from": ..., "to": ..., "reference_error": "..."} (expansion/conversion failed)
Files without any VEVENT (with a usable DTSTART) get no line; they are listed in
reference_summary.json together with the counts.

Rules (see the brief):
* window: from = (UTC date of the earliest VEVENT DTSTART instant) 00:00Z - 1 day,
  to = from + 60 days.  The DTSTART instants are computed with the same rules as
  below (aware as is, floating in X-WR-TIMEZONE / America/New_York, dates at
  New York local midnight).
* expansion: recurring_ical_events.of(cal).between(...).  The query window is
  widened by 2 days on each side and the result is clipped to [from, to) so that
  recurring-ical-events' own handling of floating/all-day values at the window
  edges (it compares them as if in the query's zone) cannot drop an occurrence
  that intersects [from, to) under our UTC conversion rules.
* skipped occurrences: TRANSP:TRANSPARENT, STATUS:CANCELLED (case-insensitive).
* conversion: aware datetime -> its instant; naive (floating) -> localized in the
  calendar's X-WR-TIMEZONE if that is a valid zoneinfo key, else America/New_York;
  date -> local midnight America/New_York (end date likewise, exclusive).
  Missing DTEND: DURATION if present (start + duration), else date -> +1 day,
  datetime -> zero length (dropped).  (recurring-ical-events always sets DTEND on
  the occurrences it returns, so these fallbacks are normally not reached.)
  Nonexistent/ambiguous local times use zoneinfo's default (fold=0).
* intervals are clipped to [from, to), empty/inverted ones dropped, sorted, and
  overlapping or touching intervals (next.start <= cur.end) merged.
* an X-WR-TIMEZONE that is not a valid zoneinfo key is removed from the calendar
  before expansion (x-wr-timezone would otherwise raise), matching the rule that
  floating times then fall back to America/New_York.
"""
from __future__ import annotations

import importlib.metadata
import json
import multiprocessing
import os
import signal
import sys
import traceback
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

HERE = os.getcwd()  # the corpus folder (run from it)
ICS_DIR = os.path.join(HERE, "ics")
OUT = os.path.join(HERE, "reference.jsonl")
SUMMARY = os.path.join(HERE, "reference_summary.json")

UTC = timezone.utc
NEW_YORK = ZoneInfo("America/New_York")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
WINDOW_DAYS = 60
QUERY_MARGIN = timedelta(days=2)
TIMEOUT_S = 120


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout(f"timeout after {TIMEOUT_S}s")


def valid_zone(name) -> ZoneInfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(str(name).strip())
    except Exception:
        return None


def is_datetime(v) -> bool:
    return isinstance(v, datetime)


def is_date(v) -> bool:
    return isinstance(v, date) and not isinstance(v, datetime)


def to_utc(v, floating_tz) -> datetime:
    """Convert a date or datetime value to an aware UTC datetime."""
    if is_datetime(v):
        if v.tzinfo is None or v.tzinfo.utcoffset(v) is None:
            return v.replace(tzinfo=floating_tz).astimezone(UTC)
        return v.astimezone(UTC)
    if is_date(v):
        return datetime.combine(v, time(0), tzinfo=NEW_YORK).astimezone(UTC)
    raise TypeError(f"not a date/datetime: {v!r}")


def prop_value(component, name):
    p = component.get(name)
    if p is None:
        return None
    if isinstance(p, list):  # repeated property: take the first
        p = p[0]
    return getattr(p, "dt", p)


def rfc3339(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch_ms(dt: datetime) -> int:
    return (dt - EPOCH) // timedelta(milliseconds=1)


def occurrence_interval(ev, floating_tz):
    """Return (start_utc, end_utc) or None if the occurrence is not busy."""
    transp = str(ev.get("TRANSP", "")).strip().upper()
    status = str(ev.get("STATUS", "")).strip().upper()
    if transp == "TRANSPARENT" or status == "CANCELLED":
        return None
    start = prop_value(ev, "DTSTART")
    if start is None:
        raise ValueError("occurrence without DTSTART")
    s = to_utc(start, floating_tz)
    end = prop_value(ev, "DTEND")
    if end is not None:
        e = to_utc(end, floating_tz)
    else:
        dur = prop_value(ev, "DURATION")
        if isinstance(dur, timedelta):
            if is_date(start):
                e = s + dur
            elif start.tzinfo is None:
                e = to_utc(start + dur, floating_tz)
            else:
                e = (start + dur).astimezone(UTC)
        elif is_date(start):
            e = to_utc(start + timedelta(days=1), floating_tz)
        else:
            e = s  # zero length -> dropped
    return s, e


def merge(intervals):
    intervals.sort()
    out = []
    for s, e in intervals:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1][1] = e
        else:
            out.append([s, e])
    return out


def process(name: str, data: bytes, summary: dict):
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as exc:
        return {"file": name, "reference_error": f"parse: {type(exc).__name__}: {exc}"}

    x_wr = cal.get("X-WR-TIMEZONE")
    zone = valid_zone(x_wr)
    floating_tz = zone or NEW_YORK
    if x_wr is not None and zone is None:
        del cal["X-WR-TIMEZONE"]
        summary["invalid_x_wr_timezone"].append(name)

    # window
    earliest = None
    vevents = list(cal.walk("VEVENT"))
    for ev in vevents:
        try:
            v = prop_value(ev, "DTSTART")
            if v is None or not isinstance(v, date):
                continue
            u = to_utc(v, floating_tz)
        except Exception:
            continue
        if earliest is None or u < earliest:
            earliest = u
    if not vevents:
        summary["skipped_no_vevent"].append(name)
        return None
    if earliest is None:
        summary["skipped_no_dtstart"].append(name)
        return None
    frm = datetime.combine(earliest.date(), time(0), tzinfo=UTC) - timedelta(days=1)
    to = frm + timedelta(days=WINDOW_DAYS)
    rec = {"file": name, "from": rfc3339(frm), "to": rfc3339(to)}

    signal.alarm(TIMEOUT_S)
    try:
        occurrences = recurring_ical_events.of(cal).between(
            frm - QUERY_MARGIN, to + QUERY_MARGIN
        )
        intervals = []
        for ev in occurrences:
            if getattr(ev, "name", "VEVENT") != "VEVENT":
                continue
            iv = occurrence_interval(ev, floating_tz)
            if iv is None:
                continue
            s, e = max(iv[0], frm), min(iv[1], to)
            if s < e:
                intervals.append([epoch_ms(s), epoch_ms(e)])
    except Exception as exc:
        rec["reference_error"] = f"expand: {type(exc).__name__}: {exc}"
        return rec
    finally:
        signal.alarm(0)
    rec["intervals"] = merge(intervals)
    return rec


def process_alone(name: str):
    """Read one file in a process of its own: icalendar caches the VTIMEZONEs it has seen by
    TZID for the life of the process, so one file's definition would otherwise decide how a
    later file's unknown TZID is read (the result would depend on the order of the files)."""
    signal.signal(signal.SIGALRM, _alarm)
    summary = {"skipped_no_vevent": [], "skipped_no_dtstart": [], "invalid_x_wr_timezone": []}
    with open(os.path.join(ICS_DIR, name), "rb") as fh:
        data = fh.read()
    try:
        rec = process(name, data, summary)
    except Exception as exc:  # should not happen; keep going
        traceback.print_exc()
        rec = {"file": name, "reference_error": f"internal: {type(exc).__name__}: {exc}"}
    return rec, summary


def main():
    summary = {
        "icalendar": icalendar.__version__,
        "recurring_ical_events": importlib.metadata.version("recurring-ical-events"),
        "skipped_no_vevent": [],
        "skipped_no_dtstart": [],
        "invalid_x_wr_timezone": [],
        "errors": {},
    }
    names = sorted(f for f in os.listdir(ICS_DIR) if f.endswith(".ics"))
    n_lines = n_with = n_empty = 0
    # A fresh process per file (forked before any calendar was read): no state carries over.
    with multiprocessing.get_context("fork").Pool(2, maxtasksperchild=1) as pool:
        results = pool.map(process_alone, names, chunksize=1)
    with open(OUT, "w") as out:
        for rec, seen in results:
            for key, files in seen.items():
                summary[key].extend(files)
            if rec is None:
                continue
            out.write(json.dumps(rec) + "\n")
            n_lines += 1
            if "reference_error" in rec:
                summary["errors"][rec["file"]] = rec["reference_error"]
            elif rec["intervals"]:
                n_with += 1
            else:
                n_empty += 1
    summary.update(
        files=len(names),
        lines=n_lines,
        with_intervals=n_with,
        empty_intervals=n_empty,
        reference_errors=len(summary["errors"]),
    )
    with open(SUMMARY, "w") as fh:
        json.dump(summary, fh, indent=1)
    print(json.dumps({k: summary[k] for k in (
        "files", "lines", "with_intervals", "empty_intervals", "reference_errors")}))
    print("skipped (no VEVENT):", len(summary["skipped_no_vevent"]),
          " skipped (no DTSTART):", len(summary["skipped_no_dtstart"]))
    for k, v in summary["errors"].items():
        print("ERR", k, v[:200])


if __name__ == "__main__":
    sys.exit(main())
