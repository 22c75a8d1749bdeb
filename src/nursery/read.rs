//! The three municipal files → rows, every cell checked; every problem listed at once.

use super::columns::{fold, Columns, Header};
use crate::domain::nursery::rows::{ChildRow, Choice, CombinationRow, FacilityRow, Member, Tables};
use crate::domain::nursery::{InputError, InputFile, Problem, Score, SiblingPattern};
use crate::spreadsheet::{self, Row, Unreadable};

/// Reads the files' bytes into tables; an error list when any cell is wrong.
pub fn read_tables(
    children: &[u8],
    facilities: &[u8],
    combinations: Option<&[u8]>,
    columns: &Columns,
) -> Result<Tables, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut tables = Tables::default();
    if let Some((header, rows)) = sheet(children, InputFile::Children, &mut errors) {
        tables.children = read_children(&header, &rows, columns, &mut errors);
    }
    if let Some((header, rows)) = sheet(facilities, InputFile::Facilities, &mut errors) {
        tables.facilities = read_facilities(&header, &rows, columns, &mut errors);
    }
    if let Some(bytes) = combinations {
        if let Some((header, rows)) = sheet(bytes, InputFile::Combinations, &mut errors) {
            tables.combinations = read_combinations(&header, &rows, columns, &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(tables)
    } else {
        Err(errors)
    }
}

/// Decodes a file and splits off its header (the first row that is not empty).
fn sheet(bytes: &[u8], file: InputFile, errors: &mut Vec<InputError>) -> Option<(Header, Vec<Row>)> {
    let unreadable = |why: &str| InputError::new(file, 0, None, Problem::Unreadable(why.to_owned()));
    let rows = spreadsheet::decode(bytes).and_then(|text| spreadsheet::rows(&text));
    let mut rows = match rows {
        Ok(rows) => rows.into_iter(),
        Err(Unreadable::Encoding) => {
            errors.push(unreadable(
                "UTF-8 でも Shift_JIS でもありません / neither UTF-8 nor Shift_JIS",
            ));
            return None;
        }
        Err(Unreadable::Workbook) => {
            errors.push(unreadable("Excel のブックです / an Excel workbook"));
            return None;
        }
        Err(Unreadable::Csv(line)) => {
            errors.push(InputError::new(file, line, None, Problem::Unreadable("CSV".into())));
            return None;
        }
    };
    let Some(head) = rows.next() else {
        errors.push(InputError::new(file, 0, None, Problem::Empty));
        return None;
    };
    let rows: Vec<Row> = rows.collect();
    if rows.is_empty() {
        errors.push(InputError::new(file, head.line, None, Problem::Empty));
        return None;
    }
    Some((Header::new(&head.cells), rows))
}

fn cell(row: &Row, index: Option<usize>) -> &str {
    index.and_then(|i| row.cells.get(i)).map_or("", String::as_str)
}

/// A required code cell, NFKC-folded; an error when empty.
fn code(row: &Row, index: Option<usize>, file: InputFile, column: &str, errors: &mut Vec<InputError>) -> String {
    let value = fold(cell(row, index));
    if value.is_empty() && index.is_some() {
        errors.push(InputError::new(file, row.line, Some(column), Problem::EmptyCell));
    }
    value
}

fn optional(row: &Row, index: Option<usize>) -> Option<String> {
    Some(fold(cell(row, index))).filter(|v| !v.is_empty())
}

fn score(row: &Row, index: Option<usize>, column: &str, errors: &mut Vec<InputError>) -> Option<Score> {
    let text = optional(row, index)?;
    let parsed = Score::parse(&text);
    if parsed.is_none() {
        errors.push(InputError::new(
            InputFile::Children,
            row.line,
            Some(column),
            Problem::NotAScore(text),
        ));
    }
    parsed
}

fn read_children(header: &Header, rows: &[Row], columns: &Columns, errors: &mut Vec<InputError>) -> Vec<ChildRow> {
    let file = InputFile::Children;
    let code_name = columns.name("申請者番号");
    let age_name = columns.name("年齢");
    let id = header.require(code_name, file, errors);
    let household = header.find(columns.name("世帯番号"), file, errors);
    let age = header.require(age_name, file, errors);
    let one_score = header.find(columns.name("点数"), file, errors);
    let enrolled = header.find(columns.name("在籍保育所ID"), file, errors);
    let pattern_name = columns.name("きょうだいパターン");
    let pattern = header.find(pattern_name, file, errors);
    let prefs = header.numbered(columns.name("希望保育園ID_N"));
    let scores = header.numbered(columns.name("点数N"));
    if prefs.is_empty() {
        errors.push(InputError::new(
            file,
            1,
            None,
            Problem::MissingColumn(columns.numbered("希望保育園ID_N", 1)),
        ));
    }
    if scores.is_empty() && one_score.is_none() {
        errors.push(InputError::new(
            file,
            1,
            None,
            Problem::MissingColumn(columns.numbered("点数N", 1)),
        ));
    }
    rows.iter()
        .map(|row| {
            let age_text = fold(cell(row, age));
            let age_value = match age_text.parse::<u8>() {
                Ok(a) if a <= 5 => a,
                _ => {
                    if age.is_some() {
                        errors.push(InputError::new(
                            file,
                            row.line,
                            Some(age_name),
                            Problem::BadAge(age_text),
                        ));
                    }
                    0
                }
            };
            let pattern = optional(row, pattern).and_then(|text| {
                let parsed = text.parse::<u8>().ok().and_then(SiblingPattern::from_number);
                if parsed.is_none() {
                    errors.push(InputError::new(
                        file,
                        row.line,
                        Some(pattern_name),
                        Problem::BadPattern(text),
                    ));
                }
                parsed
            });
            let choices = prefs
                .iter()
                .filter_map(|&(n, index)| {
                    let facility = optional(row, Some(index))?;
                    let score_column = scores.iter().find(|(m, _)| *m == n).map(|(_, i)| *i);
                    let score = score(row, score_column, &columns.numbered("点数N", n), errors);
                    Some(Choice {
                        rank: n,
                        facility,
                        score,
                    })
                })
                .collect();
            ChildRow {
                line: row.line,
                code: code(row, id, file, code_name, errors),
                household: optional(row, household),
                age: age_value,
                choices,
                score: score(row, one_score, columns.name("点数"), errors),
                enrolled: optional(row, enrolled),
                pattern,
            }
        })
        .collect()
}

fn read_facilities(header: &Header, rows: &[Row], columns: &Columns, errors: &mut Vec<InputError>) -> Vec<FacilityRow> {
    let file = InputFile::Facilities;
    let code_name = columns.name("保育所ID");
    let id = header.require(code_name, file, errors);
    let name = header.require(columns.name("保育所名"), file, errors);
    let numbered = header.numbered(columns.name("N歳募集人数"));
    let places: Vec<(String, Option<usize>)> = (0..6)
        .map(|age| {
            let column = columns.numbered("N歳募集人数", age);
            let index = numbered.iter().find(|(n, _)| *n == age).map(|(_, i)| *i);
            if index.is_none() {
                errors.push(InputError::new(file, 1, None, Problem::MissingColumn(column.clone())));
            }
            (column, index)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let mut counts = [0u32; 6];
            for (age, (column, index)) in places.iter().enumerate() {
                let text = fold(cell(row, *index));
                match text.parse::<u32>() {
                    Ok(n) => counts[age] = n,
                    Err(_) if text.is_empty() && index.is_some() => {
                        errors.push(InputError::new(file, row.line, Some(column), Problem::EmptyCell))
                    }
                    Err(_) if index.is_some() => {
                        errors.push(InputError::new(file, row.line, Some(column), Problem::NotANumber(text)))
                    }
                    Err(_) => {}
                }
            }
            FacilityRow {
                line: row.line,
                code: code(row, id, file, code_name, errors),
                name: cell(row, name).to_owned(),
                places: counts,
            }
        })
        .collect()
}

/// 9999 in 希望施設N means "not admitted in this option", as an empty cell does.
const NOT_ADMITTED: &str = "9999";

fn read_combinations(
    header: &Header,
    rows: &[Row],
    columns: &Columns,
    errors: &mut Vec<InputError>,
) -> Vec<CombinationRow> {
    let file = InputFile::Combinations;
    let family_name = columns.name("ファミリーコード");
    let rank_name = columns.name("総当たり順位");
    let family = header.require(family_name, file, errors);
    let rank = header.require(rank_name, file, errors);
    let children = header.numbered(columns.name("宛名コードN"));
    let facilities = header.numbered(columns.name("希望施設N"));
    if children.is_empty() {
        errors.push(InputError::new(
            file,
            1,
            None,
            Problem::MissingColumn(columns.numbered("宛名コードN", 1)),
        ));
    }
    rows.iter()
        .map(|row| {
            let rank_text = fold(cell(row, rank));
            let rank_value = rank_text.parse::<u32>().unwrap_or_else(|_| {
                if rank.is_some() {
                    errors.push(InputError::new(
                        file,
                        row.line,
                        Some(rank_name),
                        Problem::NotANumber(rank_text),
                    ));
                }
                0
            });
            let members = children
                .iter()
                .filter_map(|&(n, index)| {
                    let child = optional(row, Some(index))?;
                    let facility_index = facilities.iter().find(|(m, _)| *m == n).map(|(_, i)| *i);
                    let facility = optional(row, facility_index).filter(|f| f != NOT_ADMITTED);
                    Some(Member {
                        index: n,
                        child,
                        facility,
                    })
                })
                .collect();
            CombinationRow {
                line: row.line,
                household: code(row, family, file, family_name, errors),
                rank: rank_value,
                members,
            }
        })
        .collect()
}
