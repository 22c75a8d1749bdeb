//! `hiroba nursery match` and `generate` on real files: both encodings in and out, the column
//! mapping, every input error at once with exit 65 and nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hiroba(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hiroba"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run hiroba")
}

/// A fresh directory of its own per test.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hiroba-nursery-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!lossy);
    bytes.into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Rows of a result file, decoded, split on CRLF and commas (no quoted cells in these tests).
fn rows(bytes: &[u8], shift_jis: bool) -> Vec<Vec<String>> {
    let text = if shift_jis {
        encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes).0.into_owned()
    } else {
        String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM").to_vec()).expect("utf-8")
    };
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    text.trim_end()
        .split("\r\n")
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

const CHILDREN: &str =
    "申請者番号,世帯番号,年齢,希望保育園ID_1,点数1,希望保育園ID_2,点数2,在籍保育所ID,きょうだいパターン\r\n\
    A01,H1,1,F1,80,F2,80,,\r\n\
    A02,H2,1,F1,85,,,,\r\n\
    A03,H3,2,F1,90,,,,1\r\n\
    A04,H3,1,F1,90,,,,1\r\n\
    A05,H5,1,F2,95,,,F1,\r\n";

/// Excel's Shift_JIS export, with full-width header names that NFKC folds.
const FACILITIES: &str =
    "保育所ＩＤ,保育所名,０歳募集人数,1歳募集人数,2歳募集人数,3歳募集人数,4歳募集人数,5歳募集人数\r\n\
    F1,あおば保育園,0,1,1,0,0,0\r\n\
    F2,さくら保育園,0,1,0,0,0,0\r\n";

#[test]
fn shift_jis_files_give_a_shift_jis_result_with_reasons() {
    let dir = workdir("sjis");
    let (children, facilities, out) = (dir.join("申込者.csv"), dir.join("保育所.csv"), dir.join("結果.csv"));
    std::fs::write(&children, sjis(CHILDREN)).unwrap();
    std::fs::write(&facilities, sjis(FACILITIES)).unwrap();
    let run = hiroba(&[
        "nursery",
        "match",
        "--children",
        arg(&children),
        "--facilities",
        arg(&facilities),
        "--out",
        arg(&out),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let summary = text(&run.stdout);
    for expected in [
        "申込児童 (children): 5",
        "保留 (unmatched): 1",
        "blocking coalitions, checker): 0",
        "over-capacity cells, checker): 0",
    ] {
        assert!(summary.contains(expected), "{expected} missing in:\n{summary}");
    }
    let rows = rows(&std::fs::read(&out).unwrap(), true);
    assert_eq!(
        rows[0][..4],
        ["申請者番号", "入所選考結果保育所ID", "入所選考結果保育所名", "選考結果"]
    );
    let by_child: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[3].as_str()))
        .collect();
    // The household (90) takes F1's 1歳 and 2歳 places together; A05 moves to F2 and frees her
    // F1 seat, which A02 (85) gets; A01 (80) finds F2 taken.
    assert_eq!(
        by_child,
        [
            ("A01", "", "保留"),
            ("A02", "F1", "内定"),
            ("A03", "F1", "内定"),
            ("A04", "F1", "内定"),
            ("A05", "F2", "転園")
        ]
    );
    assert_eq!(
        rows[1][4],
        "第1希望 あおば保育園 1歳：募集2（転園による空き1を含む）、あなたの点数 80、入所した最下位の点数 85／第2希望 さくら保育園 1歳：募集1、あなたの点数 80、入所した最下位の点数 95"
    );
    assert!(
        rows[3][5].starts_with("きょうだい（同保同時）：第1候補（A03→あおば保育園、A04→あおば保育園）に決まりました。"),
        "{}",
        rows[3][5]
    );
}

#[test]
fn utf8_files_with_a_bom_and_a_column_mapping_give_a_utf8_result() {
    let dir = workdir("utf8");
    let (children, facilities, columns, out) = (
        dir.join("c.csv"),
        dir.join("f.csv"),
        dir.join("columns.toml"),
        dir.join("r.csv"),
    );
    let renamed = CHILDREN
        .replace("申請者番号", "受付番号")
        .replace("希望保育園ID_", "第")
        .replace(",点数", ",点");
    let renamed = renamed.replacen("第1,", "第1希望,", 1).replacen("第2,", "第2希望,", 1);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(renamed.as_bytes());
    std::fs::write(&children, bytes).unwrap();
    std::fs::write(&facilities, FACILITIES.as_bytes()).unwrap();
    std::fs::write(
        &columns,
        "\"申請者番号\" = \"受付番号\"\n\"希望保育園ID_N\" = \"第N希望\"\n\"点数N\" = \"点N\"\n",
    )
    .unwrap();
    let run = hiroba(&[
        "nursery",
        "match",
        "--children",
        arg(&children),
        "--facilities",
        arg(&facilities),
        "--columns",
        arg(&columns),
        "--out",
        arg(&out),
        "--utf8",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let rows = rows(&std::fs::read(&out).unwrap(), false);
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[2][..3], ["A02", "F1", "あおば保育園"]);
}

#[test]
fn bad_input_lists_every_error_and_writes_nothing() {
    let dir = workdir("bad");
    let (children, facilities, combinations, out) = (
        dir.join("c.csv"),
        dir.join("f.csv"),
        dir.join("k.csv"),
        dir.join("r.csv"),
    );
    let bad_children =
        "申請者番号,世帯番号,年齢,希望保育園ID_1,点数1,希望保育園ID_2,点数2,在籍保育所ID,きょうだいパターン\r\n\
        A01,H1,1,F9,80,,,,\r\n\
        A02,H2,1,F1,85,F1,80,,\r\n\
        A03,H3,2,F1,90,,,,1\r\n\
        A04,H3,1,F2,90,,,,1\r\n\
        A05,H5,7,F2,70,,,F8,\r\n";
    let bad_facilities =
        "保育所ID,保育所名,0歳募集人数,1歳募集人数,2歳募集人数,3歳募集人数,4歳募集人数,5歳募集人数\r\n\
        F1,あおば保育園,0,２,1,0,0,0\r\n\
        F2,さくら保育園,0,三,0,0,0,0\r\n";
    std::fs::write(&children, sjis(bad_children)).unwrap();
    std::fs::write(&facilities, sjis(bad_facilities)).unwrap();
    std::fs::write(
        &combinations,
        sjis("ファミリーコード,総当たり順位,宛名コード1,希望施設1\r\nH9,1,A01,F1\r\n"),
    )
    .unwrap();
    std::fs::write(&out, "an earlier result").unwrap();
    let run = hiroba(&[
        "nursery",
        "match",
        "--children",
        arg(&children),
        "--facilities",
        arg(&facilities),
        "--combinations",
        arg(&combinations),
        "--out",
        arg(&out),
    ]);
    assert_eq!(run.status.code(), Some(65), "{}", text(&run.stderr));
    let errors = text(&run.stderr);
    // Cell errors first (they stop the cross-checks), each with file, row, column, both languages.
    for expected in [
        "申込者データ 6 行目（年齢）: 年齢「7」は 0〜5 ではありません。 / children file row 6 (年齢): age \"7\" is not 0-5",
        "保育所データ 3 行目（1歳募集人数）: 「三」は数ではありません",
    ] {
        assert!(errors.contains(expected), "{expected} missing in:\n{errors}");
    }
    assert_eq!(std::fs::read(&out).unwrap(), b"an earlier result");

    // With the cells fixed, the cross-checks report every reference problem at once.
    std::fs::write(&children, sjis(&bad_children.replace("A05,H5,7", "A05,H5,1"))).unwrap();
    std::fs::write(&facilities, sjis(&bad_facilities.replace("三", "1"))).unwrap();
    let run = hiroba(&[
        "nursery",
        "match",
        "--children",
        arg(&children),
        "--facilities",
        arg(&facilities),
        "--combinations",
        arg(&combinations),
        "--out",
        arg(&out),
    ]);
    assert_eq!(run.status.code(), Some(65), "{}", text(&run.stderr));
    let errors = text(&run.stderr);
    for expected in [
        "申込者データ 2 行目（希望保育園ID_1）: 保育所ID「F9」は保育所データにありません。",
        "申込者データ 3 行目（希望保育園ID_2）: 保育所ID「F1」を二度希望しています。",
        "申込者データ 4 行目（きょうだいパターン）: きょうだいパターン 1（同保同時）は同じ保育所への入所ですが、きょうだい全員が希望する保育所がありません。",
        "申込者データ 6 行目（在籍保育所ID）: 在籍保育所ID「F8」は保育所データにありません。",
        "組み合わせファイル 2 行目（ファミリーコード）: ファミリーコード「H9」の世帯は申込者データにありません。",
        "facility F9 is not in the facilities file",
    ] {
        assert!(errors.contains(expected), "{expected} missing in:\n{errors}");
    }
    assert!(errors.starts_with("入力に 5 件の誤りがあります。"), "{errors}");
    assert_eq!(std::fs::read(&out).unwrap(), b"an earlier result");
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 4, "no temporary file left behind");
}

#[test]
fn generated_instances_match_without_blocking_coalitions_in_both_encodings() {
    for (name, utf8) in [("gen-sjis", false), ("gen-utf8", true)] {
        let dir = workdir(name);
        let mut args = vec![
            "nursery",
            "generate",
            "--children",
            "900",
            "--facilities",
            "33",
            "--seed",
            "5",
            "--out-dir",
            arg(&dir),
        ];
        if utf8 {
            args.push("--utf8");
        }
        let made = hiroba(&args);
        assert!(made.status.success(), "{}", text(&made.stderr));
        let (out, files) = (
            dir.join("結果.csv"),
            ["申込者.csv", "保育所.csv", "組み合わせ.csv"].map(|f| dir.join(f)),
        );
        let first = std::fs::read(&files[0]).unwrap();
        assert_eq!(first.starts_with(b"\xEF\xBB\xBF"), utf8);
        let run = hiroba(&[
            "nursery",
            "match",
            "--children",
            arg(&files[0]),
            "--facilities",
            arg(&files[1]),
            "--combinations",
            arg(&files[2]),
            "--out",
            arg(&out),
        ]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let summary = text(&run.stdout);
        assert!(summary.contains("blocking coalitions, checker): 0"), "{summary}");
        assert_eq!(rows(&std::fs::read(&out).unwrap(), true).len(), 901);
    }
}
