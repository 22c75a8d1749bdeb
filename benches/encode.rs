//! Encoding a 5 KB page for each profile's charset: `cargo bench --bench encode`.
//! Prints the mean time per page; the target is ≤ 50 µs for Shift_JIS.

use hiroba::keitai::emoji::EmojiTable;
use hiroba::keitai::profile::{Charset, EmojiSet};
use hiroba::keitai::{Codec, Target};
use hiroba_views::components::ListPage;
use hiroba_views::pages::home::{home, notice_item, NoticeItem, PhoneOffer};
use hiroba_views::{Ctx, Flavor, InputHint, Styling};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

fn page() -> String {
    let ctx = Ctx {
        flavor: Flavor::Xhtml,
        styling: Styling::Inline,
        input_hint: InputHint::Istyle,
        keypad: true,
        charset: "Shift_JIS",
        sid: Some("Zx81aB3dE5fG7hJ9kL1mN3pQ".into()),
        csrf: None,
        signed_in: false,
        service: "かしわ子育てひろば".into(),
    };
    let titles = [
        "子育てひろば 12月の予定☀",
        "インフルエンザ予防接種の助成について",
        "冬休みの学童クラブ申込み〜締切迫る",
        "図書館のおはなし会🎵",
        "一時預かりの空き状況①㈱",
    ];
    let notices = (0..45)
        .map(|i| {
            notice_item(
                &ctx,
                &NoticeItem {
                    id: i,
                    title: titles[i as usize % titles.len()].into(),
                    date: "11/20".into(),
                },
            )
        })
        .collect();
    let notices: Vec<_> = notices;
    home(
        &ctx,
        &ListPage {
            items: &notices,
            first: 0,
            page: 1,
            pages: 3,
        },
        &maud::html! {},
        &PhoneOffer::Nothing,
    )
}

fn main() {
    let table = EmojiTable::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles/emoji.tsv"))
        .unwrap_or_else(|e| panic!("{e}"));
    let codec = Codec::new(Arc::new(table));
    let mut html = page();
    // Trim to 5 KB of Shift_JIS output at a character boundary.
    let docomo = Target {
        charset: Charset::ShiftJis,
        emoji: EmojiSet::Docomo,
        avoid_vendor_rows: true,
    };
    while codec.encode(&html, docomo).len() > 5 * 1024 {
        let cut = html.char_indices().rev().nth(16).map_or(0, |(i, _)| i);
        html.truncate(cut);
    }
    println!(
        "page: {} chars, {} bytes UTF-8, {} bytes Shift_JIS",
        html.chars().count(),
        html.len(),
        codec.encode(&html, docomo).len()
    );
    let targets = [
        ("docomo (Shift_JIS, vendor rows replaced)", docomo),
        (
            "au (Shift_JIS)",
            Target {
                charset: Charset::ShiftJis,
                emoji: EmojiSet::Au,
                avoid_vendor_rows: false,
            },
        ),
        (
            "softbank (Shift_JIS, web codes)",
            Target {
                charset: Charset::ShiftJis,
                emoji: EmojiSet::Softbank,
                avoid_vendor_rows: false,
            },
        ),
        (
            "pc (UTF-8)",
            Target {
                charset: Charset::Utf8,
                emoji: EmojiSet::Unicode,
                avoid_vendor_rows: false,
            },
        ),
    ];
    let start = Instant::now();
    for _ in 0..20_000 {
        black_box(encoding_rs::SHIFT_JIS.encode(black_box(&html)));
    }
    let floor = start.elapsed() / 20_000;
    println!(
        "{:45} {:>8.2} µs per page",
        "encoding_rs alone (Shift_JIS, for reference)",
        floor.as_secs_f64() * 1e6
    );
    for (name, target) in targets {
        let rounds = 20_000;
        for _ in 0..1_000 {
            black_box(codec.encode(black_box(&html), target));
        }
        let start = Instant::now();
        for _ in 0..rounds {
            black_box(codec.encode(black_box(&html), target));
        }
        let per_page = start.elapsed() / rounds;
        println!("{name:45} {:>8.2} µs per page", per_page.as_secs_f64() * 1e6);
    }
}
