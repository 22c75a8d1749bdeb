//! A line of a list of threads (the クチコミ list, a community's topics).

use crate::components::link;
use crate::ctx::Ctx;
use maud::{html, Markup};

#[derive(Debug, Clone)]
pub struct ThreadLineView {
    /// The thread's page.
    pub path: String,
    pub title: String,
    /// e.g. 遊び場・柏中央 ハナ 11/21, or はなママ 11/21
    pub meta: String,
    /// Only coordinators, and an author in her own list, see hidden threads.
    pub hidden: bool,
}

/// The title as a link, marked when hidden, and the meta line under it.
pub fn thread_line(ctx: &Ctx, line: &ThreadLineView) -> Markup {
    html! {
        div {
            (link(ctx, &line.path, &line.title, None))
            @if line.hidden { "【非表示】" }
            br;
            (line.meta)
        }
    }
}
