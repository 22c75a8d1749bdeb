//! Result and instance files: CSV with CRLF, in Shift_JIS (what Excel on Japanese Windows opens
//! directly) or UTF-8 with a BOM.

use crate::domain::nursery::rows::Tables;
use crate::domain::nursery::ChildResult;

/// How a written file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    ShiftJis,
    /// UTF-8 with a byte order mark, so Excel recognises it.
    Utf8,
}

/// Between the reasons of one child in the 理由 cell.
const REASON_SEPARATOR: &str = "／";

/// The result file: 申請者番号, 入所選考結果保育所ID, 入所選考結果保育所名, 選考結果, 理由,
/// きょうだいの理由.
pub fn result_csv(results: &[ChildResult], encoding: Encoding) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = vec![[
        "申請者番号",
        "入所選考結果保育所ID",
        "入所選考結果保育所名",
        "選考結果",
        "理由",
        "きょうだいの理由",
    ]
    .map(str::to_owned)
    .to_vec()];
    for result in results {
        rows.push(vec![
            result.code.clone(),
            result.facility_code.clone().unwrap_or_default(),
            result.facility_name.clone().unwrap_or_default(),
            result.status.clone(),
            result.reasons.join(REASON_SEPARATOR),
            result.household.clone().unwrap_or_default(),
        ]);
    }
    encode(&rows, encoding)
}

/// The three files of an instance with the default column names: children, facilities,
/// combinations.
pub fn tables_csv(tables: &Tables, encoding: Encoding) -> [Vec<u8>; 3] {
    let most = tables
        .children
        .iter()
        .map(|c| c.choices.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut children = vec![{
        let mut head: Vec<String> = ["申請者番号", "世帯番号", "年齢"].map(str::to_owned).to_vec();
        for n in 1..=most {
            head.push(format!("希望保育園ID_{n}"));
            head.push(format!("点数{n}"));
        }
        head.extend(["在籍保育所ID", "きょうだいパターン"].map(str::to_owned));
        head
    }];
    for child in &tables.children {
        let mut row = vec![
            child.code.clone(),
            child.household.clone().unwrap_or_default(),
            child.age.to_string(),
        ];
        for n in 0..most {
            let choice = child.choices.get(n);
            row.push(choice.map(|c| c.facility.clone()).unwrap_or_default());
            row.push(choice.and_then(|c| c.score).map(|s| s.to_string()).unwrap_or_default());
        }
        row.push(child.enrolled.clone().unwrap_or_default());
        row.push(child.pattern.map(|p| p.number().to_string()).unwrap_or_default());
        children.push(row);
    }
    let mut facilities = vec![{
        let mut head: Vec<String> = ["保育所ID", "保育所名"].map(str::to_owned).to_vec();
        head.extend((0..6).map(|age| format!("{age}歳募集人数")));
        head
    }];
    for facility in &tables.facilities {
        let mut row = vec![facility.code.clone(), facility.name.clone()];
        row.extend(facility.places.iter().map(u32::to_string));
        facilities.push(row);
    }
    let widest = tables
        .combinations
        .iter()
        .map(|c| c.members.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut combinations = vec![{
        let mut head: Vec<String> = ["ファミリーコード", "総当たり順位"].map(str::to_owned).to_vec();
        for n in 1..=widest {
            head.push(format!("宛名コード{n}"));
            head.push(format!("希望施設{n}"));
        }
        head
    }];
    for option in &tables.combinations {
        let mut row = vec![option.household.clone(), option.rank.to_string()];
        for n in 0..widest {
            let member = option.members.get(n);
            row.push(member.map(|m| m.child.clone()).unwrap_or_default());
            row.push(member.and_then(|m| m.facility.clone()).unwrap_or_default());
        }
        combinations.push(row);
    }
    [
        encode(&children, encoding),
        encode(&facilities, encoding),
        encode(&combinations, encoding),
    ]
}

fn encode(rows: &[Vec<String>], encoding: Encoding) -> Vec<u8> {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| quoted(cell)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    match encoding {
        // Characters Shift_JIS lacks become numeric references (&#...;), as a browser would send
        // them; Excel shows them as text rather than losing the row.
        Encoding::ShiftJis => encoding_rs::SHIFT_JIS.encode(&text).0.into_owned(),
        Encoding::Utf8 => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
    }
}

/// A cell as CSV: quoted when it holds a comma, a quote or a line break.
fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}
