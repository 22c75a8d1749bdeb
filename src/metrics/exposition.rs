//! The Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then samples.

use std::fmt::Write;

/// A scrape being written.
#[derive(Debug, Default)]
pub struct Exposition {
    text: String,
}

impl Exposition {
    /// Starts a metric family.
    pub fn family(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.text, "# HELP {name} {help}");
        let _ = writeln!(self.text, "# TYPE {name} {kind}");
    }

    /// One sample; label values are escaped as the format requires.
    pub fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: f64) {
        self.text.push_str(name);
        if !labels.is_empty() {
            self.text.push('{');
            for (i, (key, value)) in labels.iter().enumerate() {
                if i > 0 {
                    self.text.push(',');
                }
                let _ = write!(self.text, "{key}=\"{}\"", escape(value));
            }
            self.text.push('}');
        }
        let _ = writeln!(self.text, " {value}");
    }

    pub fn finish(self) -> String {
        self.text
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped_and_families_announced() {
        let mut out = Exposition::default();
        out.family("hiroba_x", "gauge", "An example.");
        out.sample("hiroba_x", &[("route", "/a\"b\\c\nd"), ("profile", "docomo")], 1.5);
        out.sample("hiroba_x", &[], 2.0);
        assert_eq!(
            out.finish(),
            "# HELP hiroba_x An example.\n# TYPE hiroba_x gauge\n\
             hiroba_x{route=\"/a\\\"b\\\\c\\nd\",profile=\"docomo\"} 1.5\nhiroba_x 2\n"
        );
    }
}
