//! Threads (a title and a text with comments, photos, reports and moderation) and where they live.
//!
//! A クチコミ on the portal and a community's topic are the same thing in two places: the place
//! decides who reads and writes, where the page is and what a thread is called; everything else is
//! shared. A new place (the school notebook, say) is a new `Place` variant and a column for its id
//! (`db::models::thread`), not a copy of the thread code.

/// Where a thread lives (stored as a `place` key and the place's id: `db::models::place`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// クチコミ on the portal (`/posts`): every approved member reads and writes them.
    Portal,
    /// A community's topics (`/communities/{id}`): its members write them.
    Community(i64),
    /// A school's notebook messages (お便り・連絡, `/notebook/messages`): its teachers write them to
    /// the guardians they name (`notebook_recipients`), whose free replies are the comments.
    Notebook(i64),
}

/// A place without its id: what the coordinators' pages and the log filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    Portal,
    Community,
    Notebook,
}

impl PlaceKind {
    /// The stored `place` value.
    pub fn key(self) -> &'static str {
        match self {
            PlaceKind::Portal => "portal",
            PlaceKind::Community => "community",
            PlaceKind::Notebook => "notebook",
        }
    }

    /// A stored `place` value; `None` for one written by a newer version.
    pub fn parse(key: &str) -> Option<PlaceKind> {
        [PlaceKind::Portal, PlaceKind::Community, PlaceKind::Notebook]
            .into_iter()
            .find(|k| k.key() == key)
    }
}

impl Place {
    /// The place without its id.
    pub fn kind(self) -> PlaceKind {
        match self {
            Place::Portal => PlaceKind::Portal,
            Place::Community(_) => PlaceKind::Community,
            Place::Notebook(_) => PlaceKind::Notebook,
        }
    }

    /// The community's id for a community's place.
    pub fn community_id(self) -> Option<i64> {
        match self {
            Place::Community(id) => Some(id),
            Place::Portal | Place::Notebook(_) => None,
        }
    }

    /// The school's id for a school's notebook.
    pub fn school_id(self) -> Option<i64> {
        match self {
            Place::Notebook(id) => Some(id),
            Place::Portal | Place::Community(_) => None,
        }
    }

    /// The path the place's thread pages live under (its form is `…/new`).
    pub fn threads_path(self) -> String {
        match self {
            Place::Portal => "/posts".into(),
            Place::Community(community) => format!("/communities/{community}/topics"),
            // One list for all of a guardian's schools; a message's page finds its school.
            Place::Notebook(_) => "/notebook/messages".into(),
        }
    }

    /// The path of a thread's page (mailed in replies, so it must not change).
    pub fn thread_path(self, id: i64) -> String {
        format!("{}/{id}", self.threads_path())
    }

    /// What a thread is called here.
    pub fn noun(self) -> &'static str {
        match self {
            Place::Portal => "投稿",
            Place::Community(_) => "トピック",
            Place::Notebook(_) => "お知らせ",
        }
    }

    /// Whether members report threads here (通報). In a community its owner and coordinators read
    /// along, and the topic page has never offered it.
    pub fn takes_reports(self) -> bool {
        self == Place::Portal
    }

    /// Whether threads here carry a category (the portal's fixed list, `domain::post::Category`) and
    /// an area, which the portal's list filters by. A community has its own area.
    pub fn classified(self) -> bool {
        self == Place::Portal
    }
}

/// Why a member may not write a thread or a comment in a place she may read (the permission policy
/// has let her write in general).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The place takes nothing (a community not approved yet, refused or closed).
    Closed,
    /// She has not joined the community.
    NotJoined,
}

/// How a thread came in (for the statistics by channel and the 「メール投稿」 mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Web,
    Mail,
}

impl Channel {
    /// The stored value.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Mail => "mail",
        }
    }

    /// A stored value; anything but `mail` reads as the web (the column allows only the two).
    pub fn parse(stored: &str) -> Channel {
        if stored == Channel::Mail.key() {
            Channel::Mail
        } else {
            Channel::Web
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_pages_keep_the_paths_that_were_mailed_out() {
        assert_eq!(Place::Portal.thread_path(12), "/posts/12");
        assert_eq!(Place::Community(3).thread_path(40), "/communities/3/topics/40");
        assert_eq!(Place::Notebook(2).thread_path(41), "/notebook/messages/41");
    }

    #[test]
    fn channels_read_back() {
        for channel in [Channel::Web, Channel::Mail] {
            assert_eq!(Channel::parse(channel.key()), channel);
        }
    }
}
