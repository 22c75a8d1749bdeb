//! クチコミ: a post mailed from a docomo phone, in the category 遊び unless the test says
//! otherwise, with no area, and its comments.

use crate::helpers::app::TestApp;
use hiroba::db::models::post::{Channel, NewPost, Post};
use hiroba::db::models::post_comment::PostComment;
use hiroba::db::DbConnection;
use hiroba::domain::post::{Category, CommentBody, PostTitle};

pub struct PostBuilder {
    author: i64,
    title: String,
    body: String,
    category: Category,
    comments: Vec<(i64, String)>,
}

impl PostBuilder {
    pub fn new(author: i64, title: &str) -> Self {
        PostBuilder {
            author,
            title: title.to_string(),
            body: format!("{title}の本文です。"),
            category: Category::Play,
            comments: Vec::new(),
        }
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = body.to_string();
        self
    }

    pub fn category(mut self, category: Category) -> Self {
        self.category = category;
        self
    }

    /// A comment by `member`, written on an au phone.
    pub fn comment(mut self, member: i64, text: &str) -> Self {
        self.comments.push((member, text.to_string()));
        self
    }

    /// Stores the post and its comments; returns the post's id.
    pub fn insert(self, app: &TestApp) -> i64 {
        self.insert_on(&mut app.pool.get().expect("connection"))
    }

    /// `insert` on a connection the test holds (inside its own transaction, say).
    pub fn insert_on(self, conn: &mut DbConnection) -> i64 {
        let title = PostTitle::parse(&self.title).expect("title");
        let id = Post::insert(
            conn,
            &NewPost {
                member_id: self.author,
                title: &title,
                body: &self.body,
                category: self.category,
                area_id: None,
                channel: Channel::Mail,
                inbound_mail_id: None,
                profile: "docomo",
            },
        )
        .expect("post");
        for (member, text) in &self.comments {
            let body = CommentBody::parse(text).expect("comment");
            PostComment::insert(conn, id, *member, &body, "au").expect("comment");
        }
        id
    }
}
