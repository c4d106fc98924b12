//! Text templates an owner writes ("Sorry we missed you - this is {{ business.name }}").
//!
//! Not a general template engine: variables from a fixed list and `{% if %}` blocks, nothing else.
//! Parsing is one pass over at most `MAX_TEMPLATE_CHARS` characters and rendering writes each
//! piece once, so a template's cost is bounded by its length: no loops, no assignments, no
//! functions, nothing that reads the server's environment or files.

/// Longest template accepted (its rendered text must fit one SMS anyway).
pub const MAX_TEMPLATE_CHARS: usize = 1000;
/// Deepest nesting of `{% if %}` blocks.
const MAX_DEPTH: usize = 4;
/// Longest rendered text (before the SMS checks, which are stricter).
const MAX_OUTPUT_CHARS: usize = 4000;

/// The variables a template may use.
pub const VARIABLES: &[&str] = &[
    "business.name",
    "business.service_area",
    "business.about",
    "business.phone",
    "open_now",
    // What we know of a returning caller (empty, so false in an `if`, for a new one).
    "caller.name",
    "booking.when",
    "booking.service",
];

/// Values for the variables of `VARIABLES` (an empty string is false in an `if`).
pub struct Values<'a> {
    pub name: &'a str,
    pub service_area: &'a str,
    pub about: &'a str,
    pub phone: &'a str,
    pub open_now: bool,
    pub caller_name: &'a str,
    pub booking_when: &'a str,
    pub booking_service: &'a str,
}

impl Values<'_> {
    fn get(&self, var: &str) -> (&str, bool) {
        match var {
            "business.name" => (self.name, !self.name.is_empty()),
            "business.service_area" => (self.service_area, !self.service_area.is_empty()),
            "business.about" => (self.about, !self.about.is_empty()),
            "business.phone" => (self.phone, !self.phone.is_empty()),
            "open_now" => (if self.open_now { "true" } else { "false" }, self.open_now),
            "caller.name" => (self.caller_name, !self.caller_name.is_empty()),
            "booking.when" => (self.booking_when, !self.booking_when.is_empty()),
            "booking.service" => (self.booking_service, !self.booking_service.is_empty()),
            _ => ("", false),
        }
    }
}

#[derive(Debug, PartialEq)]
enum Node {
    Text(String),
    Var(String),
    If {
        branches: Vec<(Cond, Vec<Node>)>,
        otherwise: Vec<Node>,
    },
}

#[derive(Debug, PartialEq)]
struct Cond {
    var: String,
    negated: bool,
}

/// A parsed template, ready to render many times.
#[derive(Debug, PartialEq)]
pub struct Template {
    nodes: Vec<Node>,
}

fn help() -> String {
    format!(
        "you can use {} and {{% if open_now %}}...{{% else %}}...{{% endif %}}",
        VARIABLES
            .iter()
            .map(|v| format!("{{{{ {v} }}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn variable(inner: &str, at: usize) -> Result<String, String> {
    let v = inner.trim();
    if VARIABLES.contains(&v) {
        Ok(v.to_string())
    } else {
        // "business.nam": a typo of a placeholder we have is named, so it is quick to fix.
        let near = VARIABLES
            .iter()
            .map(|known| (strsim::levenshtein(known, v), known))
            .filter(|(d, _)| *d <= 3)
            .min();
        let hint = near
            .map(|(_, known)| format!(" (did you mean {{{{ {known} }}}}?)"))
            .unwrap_or_default();
        Err(format!(
            "unknown placeholder {{{{ {} }}}} at character {at}{hint}; {}",
            v.chars().take(40).collect::<String>(),
            help()
        ))
    }
}

fn condition(expr: &str, at: usize) -> Result<Cond, String> {
    let expr = expr.trim();
    let (negated, var) = match expr.strip_prefix("not ") {
        Some(rest) => (true, rest),
        None => (false, expr),
    };
    Ok(Cond {
        var: variable(var, at)?,
        negated,
    })
}

/// One block being filled while parsing: the `if` it belongs to (if any) and its branches.
struct Open {
    branches: Vec<(Cond, Vec<Node>)>,
    otherwise: Option<Vec<Node>>,
    at: usize,
}

impl Template {
    pub fn parse(src: &str) -> Result<Self, String> {
        if src.chars().count() > MAX_TEMPLATE_CHARS {
            return Err(format!(
                "template is longer than {MAX_TEMPLATE_CHARS} characters"
            ));
        }
        // `stack[0]` is the top level; each `if` pushes a block.
        let mut top: Vec<Node> = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        fn current<'a>(top: &'a mut Vec<Node>, stack: &'a mut [Open]) -> &'a mut Vec<Node> {
            match stack.last_mut() {
                None => top,
                Some(open) => match &mut open.otherwise {
                    Some(o) => o,
                    None => &mut open.branches.last_mut().expect("an if has a branch").1,
                },
            }
        }
        let mut rest = src;
        let mut pos = 0usize;
        while !rest.is_empty() {
            let next = ["{{", "{%", "{#"]
                .iter()
                .filter_map(|o| rest.find(o).map(|i| (i, *o)))
                .min();
            let Some((i, open)) = next else {
                current(&mut top, &mut stack).push(Node::Text(rest.to_string()));
                break;
            };
            if i > 0 {
                current(&mut top, &mut stack).push(Node::Text(rest[..i].to_string()));
            }
            let at = src[..pos + i].chars().count();
            let close = match open {
                "{{" => "}}",
                "{%" => "%}",
                _ => "#}",
            };
            let body_start = i + 2;
            let Some(len) = rest[body_start..].find(close) else {
                return Err(format!(
                    "{open} at character {at} is never closed with {close}"
                ));
            };
            let inner = &rest[body_start..body_start + len];
            match open {
                "{{" => {
                    let v = variable(inner, at)?;
                    current(&mut top, &mut stack).push(Node::Var(v));
                }
                "{%" => {
                    let inner = inner.trim();
                    let (word, arg) = inner.split_once(' ').unwrap_or((inner, ""));
                    match word {
                        "if" => {
                            if stack.len() >= MAX_DEPTH {
                                return Err(format!(
                                    "more than {MAX_DEPTH} nested if blocks at character {at}"
                                ));
                            }
                            stack.push(Open {
                                branches: vec![(condition(arg, at)?, Vec::new())],
                                otherwise: None,
                                at,
                            });
                        }
                        "elif" => match stack.last_mut() {
                            Some(o) if o.otherwise.is_none() => {
                                o.branches.push((condition(arg, at)?, Vec::new()))
                            }
                            _ => return Err(format!("elif without an open if at character {at}")),
                        },
                        "else" if arg.trim().is_empty() => match stack.last_mut() {
                            Some(o) if o.otherwise.is_none() => o.otherwise = Some(Vec::new()),
                            _ => return Err(format!("else without an open if at character {at}")),
                        },
                        "endif" if arg.trim().is_empty() => {
                            let Some(o) = stack.pop() else {
                                return Err(format!("endif without an open if at character {at}"));
                            };
                            current(&mut top, &mut stack).push(Node::If {
                                branches: o.branches,
                                otherwise: o.otherwise.unwrap_or_default(),
                            });
                        }
                        _ => {
                            return Err(format!(
                                "{{% {} %}} at character {at} is not allowed: {}",
                                inner.chars().take(40).collect::<String>(),
                                help()
                            ))
                        }
                    }
                }
                _ => {} // a comment
            }
            let consumed = body_start + len + 2;
            pos += rest[..consumed].len();
            rest = &rest[consumed..];
        }
        if let Some(o) = stack.last() {
            return Err(format!(
                "the if at character {} is never closed with {{% endif %}}",
                o.at
            ));
        }
        Ok(Self { nodes: top })
    }

    /// The variables said outside any `{% if %}`: a text that needs each of them to read well
    /// ("is this about {{ booking.when }}'s ...").
    pub fn unguarded(&self) -> Vec<&str> {
        self.nodes
            .iter()
            .filter_map(|n| match n {
                Node::Var(v) => Some(v.as_str()),
                _ => None,
            })
            .collect()
    }

    pub fn render(&self, values: &Values) -> Result<String, String> {
        let mut out = String::new();
        render_nodes(&self.nodes, values, &mut out);
        if out.chars().count() > MAX_OUTPUT_CHARS {
            return Err(format!(
                "template renders to more than {MAX_OUTPUT_CHARS} characters"
            ));
        }
        Ok(out)
    }
}

fn render_nodes(nodes: &[Node], values: &Values, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Var(v) => out.push_str(values.get(v).0),
            Node::If {
                branches,
                otherwise,
            } => {
                let chosen = branches
                    .iter()
                    .find(|(c, _)| values.get(&c.var).1 != c.negated)
                    .map(|(_, body)| body)
                    .unwrap_or(otherwise);
                render_nodes(chosen, values, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(open: bool) -> Values<'static> {
        Values {
            name: "Dave's Plumbing",
            service_area: "Tampa",
            about: "",
            phone: "(555) 010-0000",
            open_now: open,
            caller_name: "",
            booking_when: "",
            booking_service: "",
        }
    }

    #[test]
    fn variables_and_conditions() {
        let t = Template::parse(
            "Hi from {{ business.name }}{# note #}. {% if open_now %}We're in.{% elif business.about %}x{% else %}Closed, call {{business.phone}}.{% endif %}",
        )
        .unwrap();
        assert_eq!(
            t.render(&values(true)).unwrap(),
            "Hi from Dave's Plumbing. We're in."
        );
        assert_eq!(
            t.render(&values(false)).unwrap(),
            "Hi from Dave's Plumbing. Closed, call (555) 010-0000."
        );
        let t = Template::parse("{% if not business.about %}none{% endif %}").unwrap();
        assert_eq!(t.render(&values(true)).unwrap(), "none");
    }

    #[test]
    fn everything_else_is_refused_with_a_reason() {
        for (src, says) in [
            ("{% set_global x = 1 %}", "not allowed"),
            ("{% for i in [1,2,3] %}x{% endfor %}", "not allowed"),
            ("{{ get_env(name='HOME') }}", "unknown placeholder"),
            ("{{ business.name | upper }}", "unknown placeholder"),
            ("{{ business.nam }}", "did you mean {{ business.name }}?"),
            ("{% if open_now %}x", "never closed"),
            ("{% endif %}", "without an open if"),
            ("{{ business.name", "never closed"),
            ("{% if a %}{% endif %}", "unknown placeholder"),
            (
                "{% if open_now %}{% if open_now %}{% if open_now %}{% if open_now %}{% if open_now %}",
                "nested",
            ),
        ] {
            let e = Template::parse(src).unwrap_err();
            assert!(e.contains(says), "{src}: {e}");
        }
        assert!(Template::parse(&"x".repeat(MAX_TEMPLATE_CHARS + 1)).is_err());
    }
}
