//! Which header names the municipal files use: the defaults of the facts file (ChilmAI's), or
//! the names a `--columns` TOML file maps them to. Names are compared after NFKC and without
//! spaces, so 「希望保育園ＩＤ＿１」 is 希望保育園ID_1. In a numbered name, `N` stands for the
//! number (希望保育園ID_N, N歳募集人数).

use crate::domain::nursery::{InputError, InputFile, Problem};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Default names, as in the facts file.
pub(crate) const DEFAULTS: [&str; 15] = [
    "申請者番号",
    "世帯番号",
    "年齢",
    "点数",
    "点数N",
    "希望保育園ID_N",
    "在籍保育所ID",
    "きょうだいパターン",
    "保育所ID",
    "保育所名",
    "N歳募集人数",
    "ファミリーコード",
    "総当たり順位",
    "宛名コードN",
    "希望施設N",
];

/// The header name each default name stands for in these files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    renamed: BTreeMap<String, String>,
}

impl Columns {
    /// Reads a mapping such as `"申請者番号" = "受付番号"` and `"希望保育園ID_N" = "第N希望"`.
    pub fn parse(text: &str) -> Result<Columns, InputError> {
        let error = |why: String| InputError::new(InputFile::Columns, 0, None, Problem::BadColumnsFile(why));
        let table: BTreeMap<String, String> = toml::from_str(text).map_err(|e| {
            let mut why = e.message().to_owned();
            if why.contains("unquoted key") {
                // TOML 1.0 allows only ASCII bare keys: 申請者番号 must be written "申請者番号".
                why.push_str("; 列名は \"申請者番号\" のように \" で囲んでください / quote the names");
            }
            error(why)
        })?;
        for (default, name) in &table {
            if !DEFAULTS.contains(&default.as_str()) {
                return Err(error(format!(
                    "「{default}」は既定の列名ではありません / {default} is not a default column name"
                )));
            }
            if default.contains('N') != name.contains('N') {
                return Err(error(format!(
                    "「{name}」に番号の N がありません / {name} lacks the N of the number"
                )));
            }
        }
        Ok(Columns { renamed: table })
    }

    /// The name the files use for `default`.
    pub(crate) fn name<'a>(&'a self, default: &'a str) -> &'a str {
        self.renamed.get(default).map_or(default, String::as_str)
    }

    /// A numbered column's name for number `n`.
    pub(crate) fn numbered(&self, default: &str, n: u32) -> String {
        replace_n(self.name(default), n)
    }
}

impl Columns {
    /// A column named by its default name (as the domain's errors name it) → the file's name.
    pub(crate) fn rename(&self, column: &str) -> String {
        for default in DEFAULTS {
            if default == column {
                return self.name(default).to_owned();
            }
            let Some(at) = default.rfind('N') else {
                continue;
            };
            let number = column
                .strip_prefix(&default[..at])
                .and_then(|rest| rest.strip_suffix(&default[at + 1..]))
                .filter(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
                .and_then(|digits| digits.parse().ok());
            if let Some(n) = number {
                return self.numbered(default, n);
            }
        }
        column.to_owned()
    }
}

fn replace_n(template: &str, n: u32) -> String {
    match template.rfind('N') {
        Some(at) => format!("{}{n}{}", &template[..at], &template[at + 1..]),
        None => template.to_owned(),
    }
}

/// The form header names are compared in: NFKC, no spaces.
pub(crate) fn key(name: &str) -> String {
    name.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// NFKC of a cell holding a code or a number (full-width digits and letters become ASCII).
pub(crate) fn fold(cell: &str) -> String {
    cell.nfkc().collect::<String>().trim().to_owned()
}

/// The header row of one file.
pub(crate) struct Header {
    keys: Vec<String>,
}

impl Header {
    pub(crate) fn new(cells: &[String]) -> Header {
        Header {
            keys: cells.iter().map(|c| key(c)).collect(),
        }
    }

    /// The index of the column named `name`; a second one is an error.
    pub(crate) fn find(&self, name: &str, file: InputFile, errors: &mut Vec<InputError>) -> Option<usize> {
        let wanted = key(name);
        let mut found = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == wanted)
            .map(|(i, _)| i);
        let first = found.next();
        if found.next().is_some() {
            errors.push(InputError::new(
                file,
                1,
                Some(name),
                Problem::DuplicateColumn(name.to_owned()),
            ));
        }
        first
    }

    /// `find`, with an error when it is missing.
    pub(crate) fn require(&self, name: &str, file: InputFile, errors: &mut Vec<InputError>) -> Option<usize> {
        let found = self.find(name, file, errors);
        if found.is_none() {
            errors.push(InputError::new(file, 1, None, Problem::MissingColumn(name.to_owned())));
        }
        found
    }

    /// The numbered columns of a template, by number: (n, index), in order of n.
    pub(crate) fn numbered(&self, template: &str) -> Vec<(u32, usize)> {
        let template = key(template);
        let Some(at) = template.rfind('N') else {
            return Vec::new();
        };
        let (prefix, suffix) = (&template[..at], &template[at + 1..]);
        let mut found: Vec<(u32, usize)> = self
            .keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| {
                let digits = k.strip_prefix(prefix)?.strip_suffix(suffix)?;
                if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                Some((digits.parse().ok()?, i))
            })
            .collect();
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_after_nfkc_and_without_spaces() {
        let header = Header::new(&[
            "申請者番号 ".into(),
            "希望保育園ＩＤ＿２".into(),
            "希望保育園ID_1".into(),
            "１歳募集人数".into(),
        ]);
        let mut errors = Vec::new();
        assert_eq!(header.find("申請者番号", InputFile::Children, &mut errors), Some(0));
        assert_eq!(header.numbered("希望保育園ID_N"), [(1, 2), (2, 1)]);
        assert_eq!(header.numbered("N歳募集人数"), [(1, 3)]);
        assert!(errors.is_empty());
    }

    #[test]
    fn a_mapping_renames_defaults_and_refuses_unknown_names() {
        let columns = Columns::parse("\"申請者番号\" = \"受付番号\"\n\"希望保育園ID_N\" = \"第N希望\"\n").unwrap();
        assert_eq!(columns.name("申請者番号"), "受付番号");
        assert_eq!(columns.numbered("希望保育園ID_N", 3), "第3希望");
        assert_eq!(columns.name("年齢"), "年齢");
        assert_eq!(columns.rename("希望保育園ID_12"), "第12希望");
        assert_eq!(columns.rename("申請者番号"), "受付番号");
        assert_eq!(columns.rename("点数3"), "点数3");
        let bad = Columns::parse("\"名前\" = \"x\"").unwrap_err();
        assert!(matches!(bad.problem, Problem::BadColumnsFile(_)));
        assert!(Columns::parse("\"点数N\" = \"点\"").is_err());
        assert!(Columns::parse("not toml").is_err());
    }
}
