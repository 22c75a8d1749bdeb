//! Child-watch mails: short, keitai-safe, never a child's full name.

use super::MailText;

/// 「[見守り] ゆうたさんが 07:52 に 正門 を通過しました（登校）」
pub fn pass(short_name: &str, time: &str, reader: &str, direction: Option<&str>, history_url: &str) -> MailText {
    let what = direction.map(|d| format!("（{d}）")).unwrap_or_default();
    MailText {
        subject: format!("[見守り] {short_name}さん {reader} {time}"),
        body: format!("{short_name}さんが {time} に {reader} を通過しました{what}\n\nきょうの記録：\n{history_url}\n"),
    }
}

/// To volunteers, staff and guardians when a tag's emergency button is pressed.
pub fn emergency(short_name: &str, grade_class: &str, time: &str, reader: &str) -> MailText {
    MailText {
        subject: format!("[見守り・緊急] {reader} で緊急ボタン"),
        body: format!(
            "{time} に {reader} で、{grade_class} {short_name}さんのタグの緊急ボタンが押されました。\n\n\
             お近くの方は様子を見に行ってください。\n\
             状況がわかったら学校へ連絡してください。\n"
        ),
    }
}

/// To a school's staff: mail to a guardian's watch address came back as undeliverable.
/// `stopped`: enough hard bounces over days that watch alerts to it have stopped.
pub fn recipient_bounced(short_name: &str, label: &str, address: &str, times: usize, stopped: bool) -> MailText {
    let what = if stopped {
        "この宛先への見守りのお知らせは止めました。".to_string()
    } else {
        "見守りのお知らせは、この宛先へも送り続けています（何日かにわたり何度も戻るまで止めません）。".to_string()
    };
    MailText {
        subject: format!("[見守り] {short_name}さんのお知らせ先にメールが届きません"),
        body: format!(
            "{short_name}さんのお知らせ先（{label}）{address} 宛てのメールが、\n\
             届かずに戻ってきました（これで {times} 回目）。\n{what}\n\n\
             保護者の方にアドレスと受信設定（指定受信・なりすまし拒否）を確かめてもらってください。\n"
        ),
    }
}

/// To a school's staff: a reader has not been heard from.
pub fn reader_offline(school: &str, reader: &str, last_seen: &str, board_url: &str) -> MailText {
    MailText {
        subject: format!("[見守り] 読み取り機「{reader}」の応答がありません"),
        body: format!(
            "{school} の読み取り機「{reader}」から {last_seen} 以降、連絡がありません。\n\
             電源やネットワークを確認してください。\n\
             この間、通過のお知らせは届きません。\n\n{board_url}\n"
        ),
    }
}

/// To a school's staff: the reader is back.
pub fn reader_online(school: &str, reader: &str, board_url: &str) -> MailText {
    MailText {
        subject: format!("[見守り] 読み取り機「{reader}」が復旧しました"),
        body: format!("{school} の読み取り機「{reader}」からの連絡が戻りました。\n\n{board_url}\n"),
    }
}
