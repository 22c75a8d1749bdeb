//! Demo デジタル連絡帳, the week's messages: お便り and 連絡 to the school, grades, a class,
//! written and delivered through the service, with receipts (most read, by link or on the web), a
//! survey half answered and two free replies. History: their notices count as sent long ago, so
//! nothing is mailed when the demo starts.

use super::notebook::DemoNotebook;
use crate::context::Context;
use crate::db::models::notebook::recipient::Recipient;
use crate::db::queue::Queue;
use crate::db::schema::{jobs, notebook_messages, notebook_recipients, outbox, threads};
use crate::db::DbConnection;
use crate::domain::notebook::{Channel, ReadVia};
use crate::domain::time::jst_day_start;
use crate::notebook::answers::record_text;
use crate::notebook::compose::{write_message, DraftInput, Files};
use crate::notebook::deliver::send;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// A message of the week: days before today, JST hour, and what the teacher typed.
struct Sample {
    days_ago: i64,
    hour: i64,
    input: DraftInput,
    /// Answers given (by reply mail or form), one per recipient in turn, while they last.
    answers: &'static [&'static str],
    /// Every how manyth recipient has not read it yet.
    unread_every: usize,
}

fn samples(today: NaiveDate) -> Vec<Sample> {
    let draft = |kind: &str, title: &str, body: &str, audience: &str| DraftInput {
        kind: kind.into(),
        title: title.into(),
        body: body.into(),
        audience: audience.into(),
        answers: "none".into(),
        ..DraftInput::default()
    };
    let until = (today + Duration::days(4)).format("%Y-%m-%d").to_string();
    vec![
        Sample {
            days_ago: 6,
            hour: 16,
            input: draft(
                "letter",
                "学校だより 12月号",
                "寒さが厳しくなってきました⛄\n12月の行事：\n・5日（金）持久走大会\n・12日（金）個人面談（〜19日）\n・24日（水）終業式\n手洗い・うがいをご家庭でもお声がけください。",
                "school",
            ),
            answers: &[],
            unread_every: 5,
        },
        Sample {
            days_ago: 4,
            hour: 15,
            input: DraftInput {
                classes: vec!["1-1組".into()],
                ..draft(
                    "notice",
                    "図工で使う空き箱",
                    "来週の図工で、お菓子などの空き箱を使います。\n8日（月）までに2〜3個持たせてください。",
                    "classes",
                )
            },
            answers: &[],
            unread_every: 4,
        },
        Sample {
            days_ago: 3,
            hour: 17,
            input: DraftInput {
                grades: vec!["1".into(), "2".into()],
                answers: "survey".into(),
                questions: vec![
                    ("個人面談に参加されますか".into(), "出席／欠席".into()),
                    ("ご希望の時間帯".into(), "14時台／15時台／どちらでも".into()),
                ],
                until_date: until,
                ..draft(
                    "letter",
                    "個人面談の日程調査",
                    "12日（金）から19日（金）まで個人面談を行います。\n出欠とご希望の時間帯をお知らせください。このメールに「1 2」のように返信しても回答できます。",
                    "grades",
                )
            },
            answers: &["1 2", "1 1", "1 3", "2 3", "1 2", "1 1"],
            unread_every: 3,
        },
        Sample {
            days_ago: 1,
            hour: 16,
            input: DraftInput {
                classes: vec!["2-1組".into()],
                answers: "text".into(),
                ..draft(
                    "notice",
                    "持久走大会の応援について",
                    "5日の持久走大会は、保護者の方も校庭で応援できます。\n気になることがあれば、返信でお知らせください。",
                    "classes",
                )
            },
            answers: &["ぜんそくがあるので、走る前に吸入させてください。", "当日は祖母が応援に行きます。"],
            unread_every: 2,
        },
        Sample {
            days_ago: 0,
            hour: 7,
            input: draft(
                "notice",
                "本日の下校時刻の変更",
                "教職員の研修のため、本日は全学年14時30分に下校します。\n学童クラブへ行くお子さんは、いつもどおりです。",
                "school",
            ),
            answers: &[],
            unread_every: 2,
        },
    ]
}

/// Writes and delivers the week's messages; how many.
pub fn seed(
    ctx: &Context,
    conn: &mut DbConnection,
    demo: &DemoNotebook,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<usize, String> {
    let db = |e: diesel::result::Error| e.to_string();
    let samples = samples(today);
    for sample in &samples {
        let sent_at = (jst_day_start(today - Duration::days(sample.days_ago)) + Duration::hours(sample.hour)).min(now);
        let draft = sample.input.parse(now).map_err(|e| e.join(" "))?;
        let thread =
            write_message(conn, demo.teacher, demo.school.id, &draft, &Files::default(), "pc").map_err(db)??;
        send(ctx, conn, thread).map_err(db)?;
        settle_history(conn, thread, sent_at).map_err(db)?;
        let recipients = Recipient::of_thread(conn, thread).map_err(db)?;
        let mut answers = sample.answers.iter();
        for (i, recipient) in recipients.iter().enumerate() {
            // はなママ reads today's on the demo; most others have read theirs.
            if recipient.member_id == demo.guardian && sample.days_ago == 0 {
                continue;
            }
            if i % sample.unread_every == sample.unread_every - 1 {
                continue;
            }
            let via = if i % 3 == 0 { ReadVia::Web } else { ReadVia::Link };
            let read_at = (sent_at + Duration::minutes(7 + 13 * i as i64 % 300)).min(now);
            Recipient::mark_read(conn, recipient.id, via, read_at).map_err(db)?;
            if let Some(answer) = answers.next() {
                let channel = if i % 2 == 0 { Channel::Mail } else { Channel::Web };
                record_text(conn, recipient, answer, channel)
                    .map_err(db)?
                    .map_err(|e| format!("demo answer {answer:?}: {e:?}"))?;
            }
        }
    }
    Ok(samples.len())
}

/// Dates a demo message back to when it went out, and counts its notices and its send job as done
/// then: history is not mailed again.
fn settle_history(conn: &mut DbConnection, thread: i64, sent_at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(threads::table.find(thread))
        .set(threads::created_at.eq(sent_at))
        .execute(conn)?;
    diesel::update(notebook_messages::table.find(thread))
        .set((
            notebook_messages::created_at.eq(sent_at),
            notebook_messages::send_at.eq(sent_at),
            notebook_messages::sent_at.eq(sent_at),
        ))
        .execute(conn)?;
    let notices: Vec<Option<i64>> = notebook_recipients::table
        .filter(notebook_recipients::thread_id.eq(thread))
        .select(notebook_recipients::notice_outbox_id)
        .load(conn)?;
    for id in notices.into_iter().flatten() {
        Queue::Outbox.complete(conn, id)?;
        diesel::update(outbox::table.find(id))
            .set(outbox::created_at.eq(sent_at))
            .execute(conn)?;
    }
    let sending: Vec<i64> = jobs::table
        .filter(jobs::kind.eq("notebook_send"))
        .filter(jobs::target_id.eq(thread))
        .select(jobs::id)
        .load(conn)?;
    for id in sending {
        Queue::Jobs.complete(conn, id)?;
    }
    Ok(())
}
