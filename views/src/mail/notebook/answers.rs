//! The notebook's answers mails: the answer to a guardian's reply mail (`NotebookAnswer`): what
//! was recorded, or how to write it when it could not be read, or why it was not taken.

use crate::mail::MailText;

/// A survey question as the how-to mail lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionText {
    pub position: i32,
    pub text: String,
    pub choices: Vec<String>,
}

/// Her survey answer was stored: `lines` are 「1. 出席」; `times` > 1 when it replaced one.
pub fn recorded(title: &str, lines: &[String], times: i32, link: &str) -> MailText {
    let mut body = String::new();
    if times > 1 {
        body.push_str(&format!("回答を変更しました（{times}回目）。\n"));
    }
    body.push_str(&format!("「{title}」への回答\n"));
    for line in lines {
        body.push_str(line);
        body.push('\n');
    }
    body.push_str("を受け付けました。\n\n変更するときは、このメールに返信するか、次のページから答え直してください。\n");
    body.push_str(link);
    body.push('\n');
    MailText {
        subject: if times > 1 {
            format!("回答を変更しました {title}")
        } else {
            format!("回答を受け付けました {title}")
        },
        body,
    }
}

/// Her free reply was passed to the school; `cut_at` the length it was cut to, when it was longer.
pub fn replied(title: &str, cut_at: Option<usize>, link: &str) -> MailText {
    let mut body = format!("「{title}」への返信を学校に届けました。\n");
    if let Some(max) = cut_at {
        body.push_str(&format!("返信は{max}文字までのため、それより後は省略しました。\n"));
    }
    body.push_str(&format!("\n返信は次のページでも見られます。\n{link}\n"));
    MailText {
        subject: format!("返信を受け付けました {title}"),
        body,
    }
}

/// The survey reply could not be read: why, and how to write it.
pub fn how_to_answer(title: &str, problem: &str, questions: &[QuestionText], link: &str) -> MailText {
    let mut body = format!("「{title}」への回答を読み取れませんでした。\n{problem}\n\n");
    for q in questions {
        body.push_str(&format!("{}. {}\n", q.position, q.text));
        let choices: Vec<String> = q
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} {c}", i + 1))
            .collect();
        body.push_str(&format!("　{}\n", choices.join(" / ")));
    }
    let example: Vec<String> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| if q.choices.len() > 1 && i % 2 == 1 { "2" } else { "1" }.to_string())
        .collect();
    body.push_str(&format!(
        "\n質問の順に、選んだ番号を空白で区切って本文の1行目に書き、このメールに返信してください。\n例：{}\n（選択肢の言葉で「{}」のように書いても受け付けます）\n\nまだ何も登録していません。次のページからも答えられます。\n{link}\n",
        example.join(" "),
        questions.first().and_then(|q| q.choices.first()).cloned().unwrap_or_default()
    ));
    MailText {
        subject: format!("回答を読み取れませんでした {title}"),
        body,
    }
}

/// A free reply with no text of her own (only the quote, or nothing).
pub fn how_to_reply(title: &str, link: &str) -> MailText {
    MailText {
        subject: format!("返信を読み取れませんでした {title}"),
        body: format!(
            "「{title}」への返信に、本文が見つかりませんでした。\n引用の上（本文の最初）に伝えたいことを書いて、もう一度返信してください。\n\n次のページからも返信できます。\n{link}\n"
        ),
    }
}

/// The deadline had passed: nothing was stored.
pub fn closed(title: &str, until: &str) -> MailText {
    MailText {
        subject: format!("回答の締め切りを過ぎています {title}"),
        body: format!(
            "「{title}」の回答は{until}で締め切りました。\n申し訳ありませんが、受け付けられませんでした。ご用件は学校へ直接ご連絡ください。\n"
        ),
    }
}

/// The message asks for no answer.
pub fn not_asked(title: &str) -> MailText {
    MailText {
        subject: format!("このお知らせには返信できません {title}"),
        body: format!("「{title}」は返信を受け付けていないお知らせです。\nご用件は学校へ直接ご連絡ください。\n"),
    }
}

/// The reply came from an address that is not the guardian's.
pub fn sender_refused() -> MailText {
    MailText {
        subject: "回答を受け付けられませんでした".into(),
        body: "このアドレスへの返信は、お知らせを受け取った保護者の登録済みメールアドレスから送ってください。\nメールアドレスはマイページで登録・確認できます。\n".into(),
    }
}
