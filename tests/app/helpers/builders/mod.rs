//! Builders for the rows a test needs, in the style of crates.io's test builders: a test names
//! the few members, posts, communities and schools it is about, instead of starting from the
//! whole demo (`spawn_empty` with builders, rather than `spawn_on`).
//!
//! ```ignore
//! let hana = MemberBuilder::new("はなママ").carrier(Carrier::Docomo).area("柏中央").insert(&app);
//! let post = PostBuilder::new(hana.id, "噴水広場").comment(sakura.id, "行きました").insert(&app);
//! ```

mod community;
mod member;
mod notebook;
mod post;
mod school;
mod support;

pub use community::CommunityBuilder;
pub use member::{Carrier, MemberBuilder, TestMember};
pub use notebook::{child_code, teacher, NotebookFamily, TestNotebookFamily};
pub use post::PostBuilder;
pub use school::{ChildBuilder, SchoolBuilder};
pub use support::{area_id, matched_request, FamilyBuilder, SupporterBuilder, TestFamily};
