"""Copy every .ics from the unpacked sdists into ics/ as <package>__<name>.ics.
On a basename collision within a package, the file in the package's main test
'calendars' folder keeps the plain name; the others get <package>__<subdir>__<name>."""
import os, shutil, collections, json
SRC = {"icalendar": "sdist/icalendar-7.3.2", "recurring_ical_events": "sdist/recurring_ical_events-3.8.2"}
os.makedirs("ics", exist_ok=True)
mapping = {}
for pkg, root in SRC.items():
    files = []
    for d, _, fs in os.walk(root):
        files += [os.path.join(d, f) for f in fs if f.lower().endswith(".ics")]
    by = collections.defaultdict(list)
    for f in sorted(files):
        by[os.path.basename(f)].append(f)
    for base, paths in by.items():
        for p in paths:
            sub = os.path.basename(os.path.dirname(p))
            if len(paths) == 1 or sub == "calendars":
                name = f"{pkg}__{base}"
            else:
                name = f"{pkg}__{sub}__{base}"
            assert name not in mapping, name
            mapping[name] = os.path.relpath(p, root)
            shutil.copyfile(p, os.path.join("ics", name))
json.dump(mapping, open("ics_sources.json", "w"), indent=1, sort_keys=True)
print(len(mapping))
