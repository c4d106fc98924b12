//! A forgiving reader for iCalendar text: content lines into components, keeping everything that
//! can be read and saying what could not.
//!
//! Real feeds break the grammar in small ways (LF lines inside a CRLF file, text after
//! `END:VCALENDAR`, a misspelled `END:` line, a line without a colon, spaces around a property
//! name, an unquoted `;` or `:` inside a parameter value). One bad line must not cost an owner the
//! whole calendar, so such lines are skipped or repaired with a warning. The reader is a loop over
//! lines with an explicit stack (no recursion on the input's nesting) and stops nesting at
//! [`MAX_DEPTH`]: everything it does is linear in the size of the text.

/// Components nested deeper than this are skipped whole (a real calendar nests four deep:
/// VCALENDAR > VEVENT > VALARM, or VCALENDAR > VTIMEZONE > STANDARD).
pub const MAX_DEPTH: usize = 8;

/// One content line: `NAME;PARAM=VALUE:value`. Names are upper case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl Property {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// A `BEGIN:NAME` ... `END:NAME` block. Names are upper case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    pub props: Vec<Property>,
    pub children: Vec<Component>,
}

impl Component {
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }
    pub fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Property> + 's {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// What the reader found: the calendars' own properties, their components, and warnings for the
/// owner (each kind of problem once, with a count).
#[derive(Debug, Default)]
pub struct Read {
    pub calendar_props: Vec<Property>,
    pub components: Vec<Component>,
    pub warnings: Vec<String>,
}

/// Components that live directly in a VCALENDAR and never inside each other.
const TOP_LEVEL: [&str; 5] = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"];

#[derive(Default)]
struct Problems {
    no_colon: usize,
    bad_name: usize,
    stray_end: usize,
    unclosed: usize,
    too_deep: usize,
    after_end: bool,
}

impl Problems {
    fn into_warnings(self) -> Vec<String> {
        let mut out = Vec::new();
        let mut say = |n: usize, what: &str| {
            if n == 1 {
                out.push(format!("1 {what}"));
            } else if n > 1 {
                out.push(format!("{n} {what}"));
            }
        };
        say(self.no_colon, "line(s) without a ':' skipped");
        say(
            self.bad_name,
            "line(s) with an unreadable property name skipped",
        );
        say(
            self.stray_end,
            "END line(s) that matched nothing (read as closing the open block)",
        );
        say(
            self.unclosed,
            "block(s) without their END line (closed where the next began)",
        );
        say(
            self.too_deep,
            "block(s) nested too deeply skipped with their contents",
        );
        if self.after_end {
            out.push("text after END:VCALENDAR ignored".into());
        }
        out
    }
}

/// Logical lines: any line ending (CRLF, LF, lone CR), folded lines joined (RFC 5545, 3.1).
fn logical_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        for (i, piece) in raw.split('\r').enumerate() {
            // "a\r\n" splits into "a" and ""; a lone CR in the middle starts a new line.
            if i > 0 && piece.is_empty() {
                continue;
            }
            if let (Some(rest), Some(last)) = (
                piece.strip_prefix(' ').or_else(|| piece.strip_prefix('\t')),
                out.last_mut(),
            ) {
                last.push_str(rest);
            } else if !piece.trim().is_empty() {
                out.push(piece.to_string());
            }
        }
    }
    out
}

/// URI schemes that put a `:` inside an unquoted parameter value (`SENT-BY=mailto:...`).
fn is_scheme(word: &str) -> bool {
    [
        "mailto", "http", "https", "urn", "tel", "cid", "file", "ftp",
    ]
    .iter()
    .any(|s| word.eq_ignore_ascii_case(s))
}

/// Split a content line into name, raw parameters and value.
fn split_line(line: &str) -> Option<(&str, &str, &str)> {
    let bytes = line.as_bytes();
    let name_end = line.find([';', ':'])?;
    let mut in_quotes = false;
    let mut word_start = name_end + 1;
    for (i, &b) in bytes.iter().enumerate().skip(name_end) {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'=' | b',' | b';' if !in_quotes => word_start = i + 1,
            b':' if !in_quotes => {
                if i > name_end && is_scheme(&line[word_start..i]) {
                    continue;
                }
                let params = if bytes[name_end] == b';' {
                    &line[name_end + 1..i]
                } else {
                    ""
                };
                return Some((&line[..name_end], params, &line[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

fn parse_params(raw: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pieces = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (i, c) in raw.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes => {
                pieces.push(&raw[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !raw.is_empty() {
        pieces.push(&raw[start..]);
    }
    for piece in pieces {
        match piece.split_once('=') {
            Some((k, v)) => out.push((k.trim().to_ascii_uppercase(), v.trim().replace('"', ""))),
            // An unquoted ';' inside the previous value ("CN=Doe; John").
            None => {
                if let Some((_, v)) = out.last_mut() {
                    v.push(';');
                    v.push_str(piece);
                }
            }
        }
    }
    out
}

/// A property name after trimming: letters, digits and '-' (spaces inside are dropped).
fn clean_name(raw: &str) -> Option<String> {
    let name: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then_some(name)
}

/// Read iCalendar text. Never fails: what cannot be read is skipped and counted in `warnings`.
pub fn read(text: &str) -> Read {
    let mut problems = Problems::default();
    let mut out = Read::default();
    // The open blocks, outermost first; `skipping` counts blocks opened past MAX_DEPTH.
    let mut stack: Vec<Component> = Vec::new();
    let mut skipping = 0usize;
    let mut calendar_done = false;

    fn close(stack: &mut Vec<Component>, out: &mut Read) {
        let Some(done) = stack.pop() else { return };
        match stack.last_mut() {
            Some(parent) if parent.name == "VCALENDAR" => out.components.push(done),
            Some(parent) => parent.children.push(done),
            None if done.name == "VCALENDAR" => out.calendar_props.extend(done.props),
            None => out.components.push(done),
        }
    }

    for line in logical_lines(text.trim_start_matches('\u{feff}')) {
        let Some((raw_name, raw_params, value)) = split_line(&line) else {
            problems.no_colon += 1;
            continue;
        };
        let Some(name) = clean_name(raw_name) else {
            problems.bad_name += 1;
            continue;
        };
        if calendar_done
            && stack.is_empty()
            && !(name == "BEGIN" && value.trim().eq_ignore_ascii_case("VCALENDAR"))
        {
            problems.after_end = true;
            continue;
        }
        match name.as_str() {
            "BEGIN" => {
                let block = value.trim().to_ascii_uppercase();
                if skipping > 0 || stack.len() >= MAX_DEPTH {
                    if skipping == 0 {
                        problems.too_deep += 1;
                    }
                    skipping += 1;
                    continue;
                }
                if TOP_LEVEL.contains(&block.as_str()) {
                    // A calendar-level block cannot sit inside another: the open one lost its END.
                    while stack.iter().any(|c| TOP_LEVEL.contains(&c.name.as_str())) {
                        problems.unclosed += 1;
                        close(&mut stack, &mut out);
                    }
                }
                stack.push(Component {
                    name: block,
                    ..Component::default()
                });
            }
            "END" => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                let block = value.trim().to_ascii_uppercase();
                match stack.iter().rposition(|c| c.name == block) {
                    Some(at) => {
                        while stack.len() > at + 1 {
                            problems.unclosed += 1;
                            close(&mut stack, &mut out);
                        }
                        close(&mut stack, &mut out);
                    }
                    // A misspelled END: read it as closing the innermost open block, unless that
                    // is the calendar itself.
                    None => {
                        problems.stray_end += 1;
                        if stack.last().is_some_and(|c| c.name != "VCALENDAR") {
                            close(&mut stack, &mut out);
                        }
                    }
                }
                if block == "VCALENDAR" || stack.is_empty() {
                    calendar_done = stack.is_empty();
                }
            }
            _ => {
                if skipping > 0 {
                    continue;
                }
                let prop = Property {
                    name,
                    params: parse_params(raw_params),
                    value: value.to_string(),
                };
                match stack.last_mut() {
                    Some(c) => c.props.push(prop),
                    None => out.calendar_props.push(prop),
                }
            }
        }
    }
    // Blocks still open at the end of the text (a misspelled END:VCALENDAR, say) are kept.
    while !stack.is_empty() {
        if stack.len() > 1 {
            problems.unclosed += 1;
        }
        close(&mut stack, &mut out);
    }
    out.warnings = problems.into_warnings();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_plain_calendar() {
        let r = read("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=\"Europe/Paris\":20261202T100000\r\nSUMMARY:Long \r\n line\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.components.len(), 1);
        let e = &r.components[0];
        assert_eq!(
            e.get("DTSTART").unwrap().param("tzid"),
            Some("Europe/Paris")
        );
        assert_eq!(e.get("SUMMARY").unwrap().value, "Long line");
        assert_eq!(r.calendar_props[0].name, "VERSION");
    }

    #[test]
    fn parameters_with_stray_separators() {
        let (n, p, v) =
            split_line("ORGANIZER;SENT-BY=mailto:a@b.example;CN=Doe; John:mailto:c@d.example")
                .unwrap();
        assert_eq!(n, "ORGANIZER");
        assert_eq!(v, "mailto:c@d.example");
        let params = parse_params(p);
        assert_eq!(params[0], ("SENT-BY".into(), "mailto:a@b.example".into()));
        assert_eq!(params[1], ("CN".into(), "Doe; John".into()));
    }

    #[test]
    fn deep_nesting_is_bounded_and_linear() {
        let mut text = String::from("BEGIN:VCALENDAR\n");
        for _ in 0..100_000 {
            text.push_str("BEGIN:X-DEEP\n");
        }
        for _ in 0..100_000 {
            text.push_str("END:X-DEEP\n");
        }
        text.push_str(
            "BEGIN:VEVENT\nUID:kept\nDTSTART:20261202T100000Z\nEND:VEVENT\nEND:VCALENDAR\n",
        );
        let r = read(&text);
        // The deep blocks are skipped whole; what follows them is read.
        assert!(r
            .components
            .iter()
            .any(|c| c.get("UID").is_some_and(|u| u.value == "kept")));
        assert!(
            r.warnings.iter().any(|w| w.contains("nested too deeply")),
            "{:?}",
            r.warnings
        );
    }
}
