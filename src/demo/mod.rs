//! Demo data: Kashiwa's community areas, members of every role and the notices a city would post,
//! seeded once into an empty database.

use crate::auth::admin::{add_member, AddMember};
use crate::auth::password::{hash_password, Password};
use crate::config::Settings;
use crate::context::Context;
use crate::db::models::area::Area;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::notice::{NewNotice, Notice};
use crate::db::DbPool;
use crate::domain::role::{MemberStatus, Role};
use chrono::{Duration, Local};
use indicatif::ProgressBar;
use std::net::SocketAddr;

mod communities;
mod events;
mod magazine;
mod notebook;
mod notebook_messages;
mod notebook_week;
mod posts;
mod support;
mod support_history;
mod support_today;
mod watch;

/// Kashiwa's 20 コミュニティエリア (the ふるさと協議会 areas of the 2009 model project's time).
pub const KASHIWA_AREAS: [&str; 20] = [
    "新富",
    "旭町",
    "柏中央",
    "富勢",
    "田中",
    "豊四季台",
    "新田原",
    "富里",
    "西原",
    "松葉",
    "高田・松ケ崎",
    "増尾",
    "南部",
    "光ケ丘",
    "酒井根",
    "藤心",
    "手賀",
    "風早北部",
    "風早南部",
    "永楽台",
];

/// The demo's one password (printed at start; the demo runs on 127.0.0.1 only by default).
pub const DEMO_PASSWORD: &str = "hiroba-demo-2026";

/// A demo member: address, nickname, real name, area, roles, status.
type DemoMember = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [Role],
    MemberStatus,
);

const MEMBERS: [DemoMember; 6] = [
    (
        "hana.mama@docomo.ne.jp",
        "はなママ",
        "柏木 花子",
        "柏中央",
        &[Role::Guardian],
        MemberStatus::Approved,
    ),
    (
        "sakura.baaba@ezweb.ne.jp",
        "さくらばあば",
        "桜井 さくら",
        "富勢",
        &[Role::Supporter],
        MemberStatus::Approved,
    ),
    (
        "sensei@kashiwa-es.example.jp",
        "たなか先生",
        "田中 一郎",
        "田中",
        &[Role::Teacher],
        MemberStatus::Approved,
    ),
    (
        "coordinator@hiroba.example.jp",
        "コーディネーター",
        "増尾 良子",
        "増尾",
        &[Role::Coordinator],
        MemberStatus::Approved,
    ),
    (
        "admin@hiroba.example.jp",
        "管理者",
        "管理 太郎",
        "柏中央",
        &[Role::Admin],
        MemberStatus::Approved,
    ),
    (
        "new.mama@softbank.ne.jp",
        "ゆいママ",
        "松葉 結衣",
        "松葉",
        &[Role::Guardian],
        MemberStatus::Pending,
    ),
];

/// The demo's settings: Kashiwa's areas unless others are configured.
pub fn settings(mut settings: Settings) -> Settings {
    if settings.areas.is_empty() {
        settings.areas = KASHIWA_AREAS.iter().map(|a| a.to_string()).collect();
    }
    // All-in-one: mail to entry@ or a posting address can be sent to this port.
    if settings.mail.listen.is_none() {
        settings.mail.listen = Some(SocketAddr::from(([127, 0, 0, 1], 2525)));
    }
    settings
}

/// The logins the demo prints at start.
pub fn logins() -> String {
    let mut out = format!("デモ用ログイン (password for all: {DEMO_PASSWORD}):\n");
    for (address, nickname, _, _, roles, status) in MEMBERS {
        let roles: Vec<&str> = roles.iter().map(|r| r.label()).collect();
        out.push_str(&format!(
            "  {address:<32} {nickname}（{}・{}）\n",
            roles.join("・"),
            status.label()
        ));
    }
    out.push_str(
        "  supporter01@docomo.ne.jp, supporter02@ezweb.ne.jp … supporter29@  提供会員（送迎・あずかり支援）\n",
    );
    out.push_str("  family01@docomo.ne.jp, family02@ezweb.ne.jp … family19@        依頼会員（送迎・あずかり支援）\n");
    out
}

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

/// Adds the demo members to a database without members, and the notices when there are none.
pub fn seed(ctx: &Context, pool: &DbPool) -> Result<Seeded, String> {
    seed_showing(ctx, pool, &ProgressBar::hidden())
}

/// `seed`, naming each step on `progress` (a spinner on the terminal of `hiroba demo`).
pub fn seed_showing(ctx: &Context, pool: &DbPool, progress: &ProgressBar) -> Result<Seeded, String> {
    progress.set_message("デモの会員 (members)");
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let areas = Area::all(&mut conn).map_err(|e| e.to_string())?;
    // Demo accounts have a published password: they go only into a database without members.
    let members = if Member::count(&mut conn).map_err(|e| e.to_string())? == 0 {
        MEMBERS.as_slice()
    } else {
        &[]
    };
    for &(email, nickname, real_name, area, roles, status) in members {
        let new = AddMember {
            email,
            password: DEMO_PASSWORD,
            roles,
            nickname,
            real_name,
            // Settings may name other areas than Kashiwa's.
            area: areas.iter().any(|a| a.name == area).then_some(area),
            status,
        };
        add_member(&mut conn, &ctx.profiles, &new)?;
    }
    if !members.is_empty() {
        magazine::seed(&mut conn).map_err(|e| e.to_string())?;
    }
    let demo_logins = MailAddress::find(&mut conn, MEMBERS[0].0)
        .map_err(|e| e.to_string())?
        .is_some();
    let staff = ["sensei@kashiwa-es.example.jp", "coordinator@hiroba.example.jp"];
    let family = [MEMBERS[0].0, MEMBERS[1].0];
    progress.set_message("見守り (child watch)");
    let watch = watch::seed(&mut conn, &staff, &family).map_err(|e| e.to_string())?;
    // はなママ works at 柏中央子育て支援センター in the demo: she updates its vacancies from her keitai.
    progress.set_message("催し・施設・クチコミ・コミュニティ (portal)");
    events::seed(&mut conn, MEMBERS[0].0).map_err(|e| e.to_string())?;
    posts::seed(&mut conn, &ctx.profiles).map_err(|e| e.to_string())?;
    communities::seed(&mut conn).map_err(|e| e.to_string())?;
    let hash = hash_password(&Password::parse(DEMO_PASSWORD).map_err(|e| e.to_string())?)?;
    let today = crate::domain::time::today();
    let coordinator = MailAddress::find(&mut conn, staff[1])
        .map_err(|e| e.to_string())?
        .map(|a| a.member_id);
    progress.set_message("送迎・あずかり支援 (support)");
    let support = support::seed(&mut conn, &ctx.profiles, &hash, &family, today)?;
    if let Some(demo) = &support {
        support_history::seed(&mut conn, &ctx.settings, demo, coordinator, today).map_err(|e| e.to_string())?;
    }
    progress.set_message("連絡帳・伝言板 (notebook)");
    let notebook = notebook::seed(&mut conn, &ctx.profiles, &hash, staff[0], &family)?;
    let home_board = match &notebook {
        Some(demo) => Some({
            notebook_messages::seed(ctx, &mut conn, demo, today, crate::db::now())?;
            notebook_week::seed(
                &mut conn,
                demo,
                ctx.settings.notebook.pairing_minutes,
                today,
                crate::db::now(),
            )?
        }),
        None => None,
    };
    if Notice::count(&mut conn).map_err(|e| e.to_string())? > 0 {
        return Ok(Seeded {
            notices: 0,
            demo_logins,
            watch,
            support,
            home_board,
        });
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
    Ok(Seeded {
        notices: NOTICES.len(),
        demo_logins,
        watch,
        support,
        home_board,
    })
}

/// Today's 送迎・あずかり支援 requests, asked through the service after `seed` added its members:
/// their offers and confirmations are mailed and their waves and reminders queued, so they belong
/// to a running demo, not to a fixture. Returns how many were asked.
pub fn seed_live(ctx: &Context, pool: &DbPool, seeded: &Seeded) -> Result<usize, String> {
    let Some(demo) = &seeded.support else {
        return Ok(0);
    };
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let coordinator = MailAddress::find(&mut conn, "coordinator@hiroba.example.jp")
        .map_err(|e| e.to_string())?
        .map(|a| a.member_id);
    support_today::seed(ctx, &mut conn, demo, coordinator).map_err(|e| e.to_string())
}

/// What `seed` did.
pub struct Seeded {
    pub notices: usize,
    /// The demo members are there (so their logins may be printed).
    pub demo_logins: bool,
    /// The demo school, its readers and children were added.
    pub watch: bool,
    /// The demo's supporters and families (送迎・あずかり支援), when they were added.
    support: Option<support::DemoSupport>,
    /// はなママ's home board, when the demo school's notebook (デジタル連絡帳) was added now.
    home_board: Option<notebook_week::DemoBoard>,
}

impl Seeded {
    /// The address of はなママ's paired home board, when the demo paired it now.
    pub fn home_board_path(&self) -> Option<&str> {
        self.home_board.as_ref().map(|b| b.path.as_str())
    }
}
