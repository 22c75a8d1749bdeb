//! Character substitutions for Shift_JIS output: Unicode look-alikes and docomo-safe replacements.

/// Characters CP932 has under another code point (what Windows and the phones decode).
pub fn cp932_equivalent(c: char) -> Option<char> {
    Some(match c {
        '\u{301C}' => '\u{FF5E}', // WAVE DASH → FULLWIDTH TILDE
        '\u{2014}' => '\u{2015}', // EM DASH → HORIZONTAL BAR
        '\u{2212}' => '\u{FF0D}', // MINUS SIGN → FULLWIDTH HYPHEN-MINUS
        '\u{203E}' => '\u{FFE3}', // OVERLINE → FULLWIDTH MACRON
        '\u{2016}' => '\u{2225}', // DOUBLE VERTICAL LINE → PARALLEL TO
        '\u{00A2}' => '\u{FFE0}', // ¢ → ￠
        '\u{00A3}' => '\u{FFE1}', // £ → ￡
        '\u{00AC}' => '\u{FFE2}', // ¬ → ￢
        '\u{00A6}' => '\u{FFE4}', // ¦ → ￤
        '\u{FF5E}' => '\u{301C}', // and back, for encoders that know only the other one
        '\u{2015}' => '\u{2014}',
        '\u{FF0D}' => '\u{2212}',
        _ => return None,
    })
}

/// A plain replacement for a character of the NEC row 13 or IBM extension rows, which some
/// docomo handsets lack and which SoftBank handsets show as emoji (row FB).
pub fn plain_replacement(c: char) -> Option<&'static str> {
    const CIRCLED: [&str; 20] = [
        "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", "(14)", "(15)",
        "(16)", "(17)", "(18)", "(19)", "(20)",
    ];
    const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    const ROMAN_SMALL: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let n = c as u32;
    Some(match c {
        '\u{2460}'..='\u{2473}' => CIRCLED[(n - 0x2460) as usize],
        '\u{2160}'..='\u{2169}' => ROMAN[(n - 0x2160) as usize],
        '\u{2170}'..='\u{2179}' => ROMAN_SMALL[(n - 0x2170) as usize],
        '㈱' => "(株)",
        '㈲' => "(有)",
        '㈹' => "(代)",
        '㊤' => "(上)",
        '㊥' => "(中)",
        '㊦' => "(下)",
        '㊧' => "(左)",
        '㊨' => "(右)",
        '㍉' => "ミリ",
        '㌔' => "キロ",
        '㌢' => "センチ",
        '㍍' => "メートル",
        '㌘' => "グラム",
        '㌧' => "トン",
        '㌃' => "アール",
        '㌶' => "ヘクタール",
        '㍑' => "リットル",
        '㍗' => "ワット",
        '㌍' => "カロリー",
        '㌦' => "ドル",
        '㌣' => "セント",
        '㌫' => "パーセント",
        '㍊' => "ミリバール",
        '㌻' => "ページ",
        '㎜' => "mm",
        '㎝' => "cm",
        '㎞' => "km",
        '㎎' => "mg",
        '㎏' => "kg",
        '㏄' => "cc",
        '㎡' => "m2",
        '㍻' => "平成",
        '㍼' => "昭和",
        '㍽' => "大正",
        '㍾' => "明治",
        '№' => "No.",
        '℡' => "TEL",
        '∑' => "Σ",
        '⊿' => "△",
        '￤' => "｜",
        '＇' => "’",
        '＂' => "”",
        // Name kanji found only in the IBM rows: their JIS X 0208 forms (髙橋 → 高橋, not 〓橋).
        '髙' => "高",
        '﨑' => "崎",
        '德' => "徳",
        '濵' => "濱",
        '栁' => "柳",
        '瀨' => "瀬",
        // The rest of row FB (SoftBank's emoji codes) that JIS X 0208 writes otherwise.
        '淸' => "清",
        '凞' => "熙",
        '甁' => "瓶",
        '綠' => "緑",
        '緖' => "緒",
        '羡' => "羨",
        '薰' => "薫",
        '賴' => "頼",
        '郞' => "郎",
        '鄕' => "郷",
        // Compatibility ideographs of row FB and their unified forms.
        '\u{FA16}' => "猪",
        '\u{FA17}' => "益",
        '\u{FA18}' => "礼",
        '\u{FA19}' => "神",
        '\u{FA1A}' => "祥",
        '\u{FA1B}' => "福",
        '\u{FA1C}' => "靖",
        '\u{FA1D}' => "精",
        '\u{FA1E}' => "羽",
        '\u{FA22}' => "諸",
        '\u{FA25}' => "逸",
        '\u{FA26}' => "都",
        _ => return None,
    })
}
