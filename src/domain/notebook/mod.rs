//! デジタル連絡帳・伝言板: the stored kinds and states of the notebook, parsed at the edge, and the
//! rules that need no database (each in its own file below).

pub mod absence;
pub mod answers;
pub mod attachment;
pub mod home;
pub mod join;
pub mod not_arrived;
pub mod retention;
pub mod targeting;

use chrono::{Datelike, NaiveDate};

/// Declares an enum stored as text: its variants, their stored keys and what people read.
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $key:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored value.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            /// What people read.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// A stored or posted value; `None` for anything else.
            pub fn parse(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.key() == key)
            }
        }
    };
}

stored_enum! {
    /// What a teacher sends.
    MessageKind {
        /// お便り: a letter, often with a PDF or a photo.
        Letter = "letter", "お便り";
        /// 連絡: a short notice (持ち物, 下校時刻の変更…).
        Notice = "notice", "連絡";
    }
}

stored_enum! {
    /// Who a message goes to (`notebook_targets` lists the grades, classes or family).
    Audience {
        School = "school", "学校全体";
        Grades = "grades", "学年";
        Classes = "classes", "クラス";
        Family = "family", "家庭";
    }
}

stored_enum! {
    /// What a message asks back.
    AnswerKind {
        None = "none", "返信なし";
        /// A free reply (stored as a comment of the message's thread).
        Text = "text", "自由記入の返信";
        /// Up to five questions with choices (`notebook_questions`, `notebook_answers`).
        Survey = "survey", "アンケート";
    }
}

stored_enum! {
    /// How a recipient's read was recorded.
    ReadVia {
        /// She opened it logged in.
        Web = "web", "ウェブ";
        /// She opened the link of her mail (its per-recipient token).
        Link = "link", "メールのリンク";
        /// She answered by replying to the mail.
        Mail = "mail", "メールの返信";
    }
}

stored_enum! {
    /// Where a guardian's request to join a child stands.
    JoinStatus {
        Pending = "pending", "承認待ち";
        Approved = "approved", "承認済み";
        Refused = "refused", "お断り";
    }
}

stored_enum! {
    /// 欠席・遅刻・早退.
    AbsenceKind {
        Absent = "absent", "欠席";
        Late = "late", "遅刻";
        Early = "early", "早退";
    }
}

stored_enum! {
    /// How an answer or a notice came in.
    Channel {
        Web = "web", "ウェブ";
        Mail = "mail", "メール";
    }
}

stored_enum! {
    /// A line on the home board.
    HomeNoteKind {
        /// A guardian's message to the child (「おやつは冷蔵庫だよ」).
        Message = "message", "伝言";
        /// The child's fixed reply (わかった).
        Reply = "reply", "返事";
        /// The child pressed ただいま.
        Tadaima = "tadaima", "ただいま";
    }
}

/// The school year a day belongs to: April to March, named by the year it starts in.
pub fn school_year(day: NaiveDate) -> i32 {
    if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}

/// The last day of a school year (31 March of the next calendar year).
pub fn school_year_end(year: i32) -> NaiveDate {
    // Every year has a 31 March; MAX only for a year past chrono's range.
    NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_read_back() {
        for kind in MessageKind::ALL {
            assert_eq!(MessageKind::parse(kind.key()), Some(*kind));
        }
        for audience in Audience::ALL {
            assert_eq!(Audience::parse(audience.key()), Some(*audience));
        }
        for via in ReadVia::ALL {
            assert_eq!(ReadVia::parse(via.key()), Some(*via));
        }
        for kind in AbsenceKind::ALL {
            assert_eq!(AbsenceKind::parse(kind.key()), Some(*kind));
        }
        assert_eq!(AnswerKind::parse("survey"), Some(AnswerKind::Survey));
        assert_eq!(JoinStatus::parse("maybe"), None);
        assert_eq!(HomeNoteKind::Tadaima.label(), "ただいま");
    }

    #[test]
    fn the_school_year_starts_in_april() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(school_year(day(2026, 4, 1)), 2026);
        assert_eq!(school_year(day(2027, 3, 31)), 2026);
        assert_eq!(school_year(day(2026, 12, 3)), 2026);
        assert_eq!(school_year_end(2026), day(2027, 3, 31));
    }
}
