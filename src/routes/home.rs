//! The top page and the notice pages.

use crate::db::models::notice::Notice;
use crate::error::AppError;
use crate::keitai::Device;
use crate::routes::extract::KeitaiQuery;
use crate::routes::render::{ctx, ok, paged_list};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use hiroba_views::pages::home::{notice_item, NoticeItem};
use hiroba_views::pages::notice::{notice_page, NoticeView};

/// How many notices the top page lists in all (split into pages by size).
const NOTICES_ON_TOP: i64 = 60;

pub async fn home(state: web::Data<AppState>, device: Device, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let requested = query
        .0
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let pool = state.pool.clone();
    let notices = web::block(move || {
        let mut conn = pool.get().map_err(AppError::internal)?;
        Notice::recent(&mut conn, NOTICES_ON_TOP).map_err(AppError::from)
    })
    .await
    .map_err(AppError::internal)??;

    let ctx = ctx(&device);
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
    let page = paged_list(&state, &device, &items, requested, |list| {
        hiroba_views::pages::home::home(&ctx, list)
    });
    Ok(page)
}

pub async fn notice(state: web::Data<AppState>, device: Device, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let id = id.into_inner();
    let notice = web::block(move || {
        let mut conn = pool.get().map_err(AppError::internal)?;
        Notice::find(&mut conn, id).map_err(AppError::from)
    })
    .await
    .map_err(AppError::internal)??;
    let view = NoticeView {
        title: notice.title,
        body: notice.body,
        date: notice.published_on.format("%Y年%m月%d日").to_string(),
    };
    Ok(ok(&state, &device, &notice_page(&ctx(&device), &view)))
}
