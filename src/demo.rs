//! Demo data: notices a Kashiwa-like city would post, seeded once into an empty database.

use crate::db::models::notice::{NewNotice, Notice};
use crate::db::DbPool;
use chrono::{Duration, Local};

const NOTICES: [(&str, &str); 16] = [
    ("子育てひろば 12月の予定☀", "12月の子育てひろばは、毎週火・木曜日の10時〜12時です。\n会場：中央公民館 和室\n持ち物：お子さんの飲み物、タオル"),
    ("インフルエンザ予防接種の助成について", "市では、生後6か月から中学3年生までのお子さんのインフルエンザ予防接種費用の一部を助成します。\n1回あたり1,000円\n詳しくは保健所へお問い合わせください。"),
    ("冬休みの学童クラブ申込み", "冬休み期間の学童クラブの申込みを受け付けています。\n締切：12月5日（金）"),
    ("送迎サポーター養成講座を開きます", "子どもの送迎やあずかりを手伝っていただける方を募集しています。\n講座は全4回、受講料は無料です。"),
    ("図書館のおはなし会🎵", "0〜3歳のお子さんと保護者の方向けのおはなし会です。\n毎月第2土曜日 11時から"),
    ("子ども医療費助成の受給券更新", "受給券の有効期限が近づいています。新しい受給券は11月末までに郵送します。"),
    ("離乳食教室（後期）", "9〜11か月のお子さんの保護者向けの離乳食教室です。\n定員20組、先着順です。"),
    ("一時預かりの空き状況を毎日更新中", "市内の子育て支援施設の一時預かり空き状況を、施設の職員が毎日更新しています。"),
    ("ファミリー・サポート説明会", "依頼会員・提供会員になりたい方向けの説明会です。\n会場：市役所 本庁舎3階"),
    ("見守りタグの電池交換について", "見守りタグの電池交換は、各小学校の職員室で受け付けます。"),
    ("妊婦さん向けパパママ教室", "沐浴の練習や妊婦体験をします。ご夫婦でご参加ください。"),
    ("公園の遊具点検のお知らせ", "12月中旬、市内の公園で遊具の定期点検を行います。点検中の遊具はご利用いただけません。"),
    ("子育て世帯向け防災講座", "災害時に子どもを守るための備えについて学びます。非常食の試食もあります。"),
    ("年末年始の窓口のお知らせ", "12月29日〜1月3日は、子育て支援課の窓口をお休みします。"),
    ("あぃあぃ広場に投稿してみませんか📷", "ケータイからメールで写真つきのクチコミを投稿できます。\nマイページの投稿用アドレスあてに送るだけです。"),
    ("ベビーマッサージ教室", "2〜6か月の赤ちゃんと一緒に参加できます。バスタオルをお持ちください。"),
];

/// Inserts the demo notices when the table is empty; returns how many were written.
pub fn seed(pool: &DbPool) -> Result<usize, String> {
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    if Notice::count(&mut conn).map_err(|e| e.to_string())? > 0 {
        return Ok(0);
    }
    let today = Local::now().date_naive();
    for (i, (title, body)) in NOTICES.iter().enumerate() {
        let published_on = today - Duration::days(i as i64 * 2);
        Notice::insert(
            &mut conn,
            &NewNotice {
                title,
                body,
                published_on,
            },
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(NOTICES.len())
}
