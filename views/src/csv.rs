//! CSV text for Excel (RFC 4180): rows of cells separated by commas, lines ended by CRLF, a cell
//! quoted when it holds a comma, a quote, a line break or edge spaces (quotes doubled inside).
//! The request layer encodes the text as CP932 for the download.

/// A CSV document being written.
#[derive(Debug, Clone, Default)]
pub struct Csv {
    out: String,
}

impl Csv {
    pub fn new() -> Csv {
        Csv::default()
    }

    /// Appends one row.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Csv
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_cell(&mut self.out, cell.as_ref());
        }
        self.out.push_str("\r\n");
        self
    }

    /// An empty line between two tables of one file.
    pub fn blank(&mut self) -> &mut Csv {
        self.out.push_str("\r\n");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn push_cell(out: &mut String, cell: &str) {
    let quote = cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::Csv;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let mut csv = Csv::new();
        csv.row(["名前", "金額"])
            .row(["柏 花子", "1400"])
            .row(["a,b", "say \"hi\""])
            .row(["two\r\nlines", " edge"])
            .blank();
        assert_eq!(
            csv.finish(),
            "名前,金額\r\n柏 花子,1400\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",\" edge\"\r\n\r\n"
        );
    }
}
