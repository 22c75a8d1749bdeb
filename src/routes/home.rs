//! The top page and the notice pages.

use crate::db;
use crate::db::models::notice::Notice;
use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::extract::KeitaiQuery;
use crate::routes::render::{ctx, ok, paged_list};
use crate::routes::visitor::Visitor;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::home::{notice_item, NoticeItem};
use hiroba_views::pages::notice::{notice_page, NoticeView};

/// How many notices the top page lists in all (split into pages by size).
const NOTICES_ON_TOP: i64 = 60;

pub async fn home(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let requested = query
        .0
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let notices = db::run(&visitor.state().pool, |conn| Ok(Notice::recent(conn, NOTICES_ON_TOP)?)).await?;
    let ctx = ctx(&visitor);
    let items: Vec<_> = notices
        .iter()
        .map(|n| {
            notice_item(
                &ctx,
                &NoticeItem {
                    id: n.id,
                    title: n.title.clone(),
                    date: n.published_on.format("%m/%d").to_string(),
                },
            )
        })
        .collect();
    let page = paged_list(&visitor, &items, requested, |list| {
        hiroba_views::pages::home::home(&ctx, list)
    });
    Ok(page)
}

pub async fn notice(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let id = id.into_inner();
    let notice = db::run(&visitor.state().pool, move |conn| Ok(Notice::find(conn, id)?)).await?;
    let view = NoticeView {
        title: notice.title,
        body: notice.body,
        date: notice.published_on.format("%Y年%m月%d日").to_string(),
    };
    Ok(ok(&visitor, &notice_page(&ctx(&visitor), &view)))
}
