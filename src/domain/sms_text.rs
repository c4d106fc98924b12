//! SMS text: GSM-7 normalisation and segment counting.
//!
//! Carriers bill and split texts by segment. A GSM-7 text fits 160 characters in one segment and
//! 153 per segment when split; one character outside GSM-7 turns the whole text into UCS-2, which
//! fits only 70 (67 when split). Typographic punctuation is the usual culprit, so we make it plain.

/// The GSM 03.38 basic character set.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Characters of the extension table: each costs two septets.
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{000C}";

pub fn is_gsm_char(c: char) -> bool {
    GSM_BASIC.contains(c) || GSM_EXTENDED.contains(c)
}

/// Plain GSM-7: typographic characters replaced, anything else outside GSM-7 (emoji, which would
/// halve a segment) dropped, white space tidied.
pub fn to_gsm(text: &str) -> String {
    let kept: String = normalize(text)
        .chars()
        .filter(|c| is_gsm_char(*c))
        .collect();
    normalize(&kept)
}

/// Replace typographic characters with their plain GSM-7 equivalents and tidy white space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{2022}' | '\u{00B7}' => out.push('-'),
            '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202F}' | '\t' => out.push(' '),
            '\u{200B}' | '\u{FEFF}' => {}
            '\u{00E1}' => out.push('a'),
            '\u{00ED}' => out.push('i'),
            '\u{00F3}' => out.push('o'),
            '\u{00FA}' => out.push('u'),
            '\u{00E7}' => out.push('c'),
            '\u{00EA}' | '\u{00EB}' => out.push('e'),
            '\u{00E2}' => out.push('a'),
            '\u{00F4}' => out.push('o'),
            _ => out.push(c),
        }
    }
    // Collapse runs of spaces and trim; keep line breaks.
    let mut tidy = String::with_capacity(out.len());
    let mut last_space = false;
    for c in out.trim().chars() {
        if c == ' ' {
            if !last_space {
                tidy.push(c);
            }
            last_space = true;
        } else {
            last_space = false;
            tidy.push(c);
        }
    }
    tidy
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

/// How a text will travel: its encoding, its length in that encoding's units, and its segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsSize {
    pub encoding: Encoding,
    pub units: usize,
    pub segments: usize,
}

pub fn measure(text: &str) -> SmsSize {
    if text.chars().all(is_gsm_char) {
        let units = text
            .chars()
            .map(|c| if GSM_EXTENDED.contains(c) { 2 } else { 1 })
            .sum();
        SmsSize {
            encoding: Encoding::Gsm7,
            units,
            segments: segments(units, 160, 153),
        }
    } else {
        let units = text.encode_utf16().count();
        SmsSize {
            encoding: Encoding::Ucs2,
            units,
            segments: segments(units, 70, 67),
        }
    }
}

fn segments(units: usize, single: usize, multi: usize) -> usize {
    if units == 0 {
        0
    } else if units <= single {
        1
    } else {
        units.div_ceil(multi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_punctuation_becomes_plain() {
        let s = normalize("Sorry we missed you \u{2014} this is Dave\u{2019}s Plumbing\u{2026}");
        assert_eq!(s, "Sorry we missed you - this is Dave's Plumbing...");
        assert_eq!(measure(&s).encoding, Encoding::Gsm7);
    }

    #[test]
    fn collapses_spaces() {
        assert_eq!(normalize("  a \u{00A0} b  "), "a b");
    }

    #[test]
    fn counts_segments() {
        assert_eq!(measure(&"a".repeat(160)).segments, 1);
        assert_eq!(measure(&"a".repeat(161)).segments, 2);
        assert_eq!(measure(&"a".repeat(306)).segments, 2);
        assert_eq!(measure(&"a".repeat(307)).segments, 3);
        // Extension characters cost two septets.
        assert_eq!(measure("{}").units, 4);
        // One emoji turns it into UCS-2.
        let m = measure(&format!("{}\u{1F600}", "a".repeat(60)));
        assert_eq!(m.encoding, Encoding::Ucs2);
        assert_eq!(m.units, 62);
        assert_eq!(m.segments, 1);
        assert_eq!(measure(&"\u{4E2D}".repeat(71)).segments, 2);
    }
}
