//! Threads: a クチコミ on the portal, mailed from a docomo phone in the category 遊び, unless the
//! test says otherwise or places it in a community (a topic); and its comments.

use crate::helpers::app::TestApp;
use hiroba::db::models::thread::{NewThread, Thread};
use hiroba::db::models::thread_comment::ThreadComment;
use hiroba::db::DbConnection;
use hiroba::domain::post::{Category, CommentBody, PostTitle};
use hiroba::domain::thread::{Channel, Place};

pub struct PostBuilder {
    author: i64,
    title: String,
    body: String,
    category: Category,
    place: Place,
    channel: Channel,
    comments: Vec<(i64, String)>,
}

impl PostBuilder {
    pub fn new(author: i64, title: &str) -> Self {
        PostBuilder {
            author,
            title: title.to_string(),
            body: format!("{title}の本文です。"),
            category: Category::Play,
            place: Place::Portal,
            channel: Channel::Mail,
            comments: Vec::new(),
        }
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.to_string();
        self
    }

    /// Its category on the portal (communities keep none).
    pub fn category(mut self, category: Category) -> Self {
        self.category = category;
        self
    }

    /// A topic of community `id`, written on the web.
    pub fn in_community(mut self, id: i64) -> Self {
        self.place = Place::Community(id);
        self.channel = Channel::Web;
        self
    }

    /// A comment by `member`, written on an au phone.
    pub fn comment(mut self, member: i64, text: &str) -> Self {
        self.comments.push((member, text.to_string()));
        self
    }

    /// Stores the thread and its comments; returns the thread's id.
    pub fn insert(self, app: &TestApp) -> i64 {
        self.insert_on(&mut app.pool.get().expect("connection"))
    }

    /// `insert` on a connection the test holds (inside its own transaction, say).
    pub fn insert_on(self, conn: &mut DbConnection) -> i64 {
        let title = PostTitle::parse(&self.title).expect("title");
        let id = Thread::insert(
            conn,
            &NewThread {
                place: self.place,
                member_id: self.author,
                title: &title,
                body: &self.body,
                category: (self.place == Place::Portal).then_some(self.category),
                area_id: None,
                channel: self.channel,
                inbound_mail_id: None,
                profile: "docomo",
            },
        )
        .expect("thread");
        for (member, text) in &self.comments {
            let body = CommentBody::parse(text).expect("comment");
            ThreadComment::insert(conn, id, *member, &body, "au").expect("comment");
        }
        id
    }
}
