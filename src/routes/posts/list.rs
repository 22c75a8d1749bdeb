//! `/posts`: the portal's visible threads (クチコミ), newest first, by category (`category=`) and
//! area (`area=`); `mine=1` is the member's own list (わたしの投稿), hidden ones included.

use crate::db::models::area::Area;
use crate::db::models::thread::{Thread, ThreadFilter, ThreadLine};
use crate::domain::policy::{Action, Resource};
use crate::domain::post::Category;
use crate::domain::thread::Place;
use crate::domain::time::month_day;
use crate::error::AppError;
use crate::routes::areas::{area_choices, area_name};
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Visitor};
use crate::routes::threads::category_choices;
use actix_web::HttpResponse;
use hiroba_views::pages::posts::list::{post_list, PostListView};
use hiroba_views::pages::threads::line::{thread_line, ThreadLineView};

pub async fn list(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let me = visitor.require_member(Resource::MemberContent, Action::Read)?.member_id;
    let query = query.0;
    let category = query.get("category").and_then(Category::parse);
    let area_id = query.get("area").and_then(|a| a.parse::<i64>().ok());
    let mine = query.get("mine") == Some("1");
    let filter = ThreadFilter {
        place: Place::Portal,
        category,
        area_id,
        member_id: mine.then_some(me),
        with_hidden: mine,
    };
    let (areas, lines) = visitor
        .db(move |conn| Ok((Area::all(conn)?, Thread::list(conn, filter)?)))
        .await?;
    let ctx = ctx(&visitor);
    let items: Vec<_> = lines.into_iter().map(|l| thread_line(&ctx, &line(&areas, l))).collect();
    let (category_key, area_key) = (
        category.map(|c| c.key().to_string()).unwrap_or_default(),
        area_id.map(|a| a.to_string()).unwrap_or_default(),
    );
    let view = PostListView {
        title: if mine { "わたしの投稿" } else { "クチコミ" }.into(),
        base: if mine {
            "/posts?mine=1".into()
        } else {
            format!("/posts?category={category_key}&area={area_key}")
        },
        categories: category_choices(Some("すべて")),
        areas: area_choices(&areas, "すべて"),
        category: category_key,
        area: area_key,
        filters: !mine,
        notice: (query.get("done") == Some("deleted")).then(|| "投稿を削除しました。".to_string()),
    };
    let requested = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    Ok(paged_list(&visitor, &items, requested, |list| {
        post_list(&ctx, &view, list)
    }))
}

/// A post's line: its category and area, author and day (遊び場・柏中央 ハナ 11/21).
fn line(areas: &[Area], thread: ThreadLine) -> ThreadLineView {
    let category = thread.category.unwrap_or(Category::Other).label();
    let area = area_name(areas, thread.area_id).map(|a| format!("・{a}"));
    ThreadLineView {
        path: Place::Portal.thread_path(thread.id),
        meta: format!(
            "{category}{} {} {}",
            area.unwrap_or_default(),
            thread.nickname,
            month_day(thread.created_at)
        ),
        title: thread.title,
        hidden: thread.hidden,
    }
}
