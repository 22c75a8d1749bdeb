use super::*;
use crate::mail::outbound::test_support::{codec, profile_for};

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

fn text_for(address: &str) -> KeitaiText<'static> {
    KeitaiText::new(codec(), profile_for(address))
}

#[test]
fn mail_emoji_follow_the_carrier_not_the_web_emoji_set() {
    assert_eq!(mail_carrier(profile_for("a@docomo.ne.jp")), Some(Carrier::Docomo));
    assert_eq!(mail_carrier(profile_for("a@ezweb.ne.jp")), Some(Carrier::Au));
    assert_eq!(mail_carrier(profile_for("a@softbank.ne.jp")), Some(Carrier::Softbank));
    assert_eq!(mail_carrier(profile_for("a@pdx.ne.jp")), None);
    assert_eq!(mail_carrier(profile_for("a@example.com")), None);
}

#[test]
fn docomo_shift_jis_carries_its_emoji_code() {
    let mut expected = vec![0xF8, 0x9F];
    expected.extend(sjis("晴れ"));
    assert_eq!(text_for("a@docomo.ne.jp").shift_jis("☀晴れ"), expected);
}

#[test]
fn softbank_shift_jis_carries_mail_codes_not_web_escapes() {
    // DOG FACE: SoftBank E052, Shift_JIS F993 in the table.
    assert_eq!(text_for("a@softbank.ne.jp").shift_jis("🐶"), vec![0xF9, 0x93]);
}

#[test]
fn jis_text_keeps_au_emoji_and_gives_others_their_fallback() {
    assert_eq!(text_for("a@ezweb.ne.jp").jis("☔"), vec![0xF6, 0x64]);
    assert_eq!(text_for("a@pdx.ne.jp").jis("☔"), sjis("[雨]"));
    assert_eq!(text_for("a@docomo.ne.jp").jis("☔"), sjis("[雨]"));
}

#[test]
fn emoji_outside_the_table_never_become_geta() {
    let willcom = text_for("a@willcom.com");
    // SMILING FACE WITH HEARTS (Unicode 11) is not in emoji4unicode.
    assert_eq!(willcom.jis("\u{1F970}"), sjis("[絵文字]"));
    // A flag the table lacks (Canada) is spelt by its letters; skin tones and joiners vanish.
    assert_eq!(willcom.jis("\u{1F1E8}\u{1F1E6}"), sjis("[C][A]"));
    assert_eq!(willcom.jis("\u{1F468}\u{200D}\u{1F467}"), sjis("[顔１][女の子]"));
    let thumbs = text_for("a@ezweb.ne.jp").jis("\u{1F44D}\u{1F3FB}");
    assert!(!thumbs.windows(2).any(|w| w == GETA_SJIS), "{thumbs:X?}");
    assert_eq!(thumbs.len(), 2);
    // ★ and ♪ are ordinary JIS X 0208 characters, not emoji to replace.
    assert_eq!(willcom.jis("★♪"), sjis("★♪"));
}

#[test]
fn table_fallbacks_that_are_geta_become_a_word() {
    // HAPPY FACE (Google PUA U+FE337) has 〓 as its table fallback.
    assert_eq!(text_for("a@pdx.ne.jp").jis("\u{FE337}"), sjis("[絵文字]"));
}

#[test]
fn keycaps_with_and_without_variation_selector_are_emoji() {
    let docomo = text_for("a@docomo.ne.jp");
    assert_eq!(docomo.shift_jis("1\u{20E3}"), vec![0xF9, 0x87]);
    assert_eq!(docomo.shift_jis("1\u{FE0F}\u{20E3}"), vec![0xF9, 0x87]);
    assert!(has_carrier_emoji("1\u{FE0F}\u{20E3}", Carrier::Docomo, codec().emoji()));
    assert!(!has_carrier_emoji("123 晴れ", Carrier::Docomo, codec().emoji()));
}

#[test]
fn nec_row_13_stays_in_jis_except_for_docomo_and_ibm_rows_never_stay() {
    // ① is NEC row 13 (8740), which CP50220 and au's own mail use.
    assert_eq!(text_for("a@ezweb.ne.jp").jis("①"), vec![0x87, 0x40]);
    assert_eq!(text_for("a@docomo.ne.jp").jis("①㈱"), sjis("(1)(株)"));
    // ⅰ exists only in the IBM rows (FA40) for encoders: a plain replacement.
    assert_eq!(text_for("a@ezweb.ne.jp").jis("ⅰ"), b"i".to_vec());
    // Common name kanji of the IBM rows get their JIS X 0208 form.
    assert_eq!(
        text_for("a@ezweb.ne.jp").jis("髙橋さん、﨑山さん"),
        sjis("高橋さん、崎山さん")
    );
    // Shift_JIS mail keeps IBM codes for carriers whose handsets have them.
    assert_eq!(text_for("a@softbank.ne.jp").shift_jis("ⅰ"), vec![0xFA, 0x40]);
}

#[test]
fn half_width_kana_are_widened_for_jis_only() {
    assert_eq!(text_for("a@ezweb.ne.jp").jis("ｶﾞｯｺｳ"), sjis("ガッコウ"));
    assert_eq!(text_for("a@docomo.ne.jp").shift_jis("ｶﾞｯｺｳ"), sjis("ｶﾞｯｺｳ"));
}

#[test]
fn control_characters_are_dropped_but_tabs_and_line_feeds_kept() {
    assert_eq!(
        text_for("a@ezweb.ne.jp").jis("a\u{1B}$B\u{0}\tb\nc"),
        b"a$B\tb\nc".to_vec()
    );
}
