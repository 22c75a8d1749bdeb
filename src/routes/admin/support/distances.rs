//! `/admin/support/distances`: kilometres between the city's areas, which the ranking's distance
//! part reads (a pair not entered counts as `distance::UNKNOWN_KM`). Each change is logged.

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::support::distance::AreaDistance;
use crate::db::models::support::log::SupportLog;
use crate::domain::policy::{Action, Resource};
use crate::domain::support::distance::parse_km;
use crate::error::AppError;
use crate::routes::admin::feedback::Feedback;
use crate::routes::portal::page_number;
use crate::routes::request::{ctx, paged_list, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::support::distances::{distance_row, distances, DistanceRow, DistancesView};

pub async fn show(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::SupportCentre, Action::Read)?;
    render(&visitor, Feedback::None, None, page_number(&query)).await
}

pub async fn save(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor
        .require_member(Resource::SupportCentre, Action::Update)?
        .member_id;
    let typed = form.get("km").unwrap_or_default().to_string();
    let id = |name: &str| form.get(name).and_then(|v| v.trim().parse::<i64>().ok());
    let (Some(a), Some(b)) = (id("a"), id("b")) else {
        return render(&visitor, Feedback::refused("地域を2つ選んでください。"), Some(typed), 1).await;
    };
    if a == b {
        return render(
            &visitor,
            Feedback::refused("違う地域を2つ選んでください。"),
            Some(typed),
            1,
        )
        .await;
    }
    let km = match parse_km(&typed) {
        Ok(km) => km,
        Err(e) => return render(&visitor, Feedback::refused(e.to_string()), Some(typed), 1).await,
    };
    let saved = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let areas = Area::all(conn)?;
                let name = |id: i64| areas.iter().find(|x| x.id == id).map(|x| x.name.clone());
                let (Some(from), Some(to)) = (name(a), name(b)) else {
                    return Ok::<_, AppError>(false);
                };
                AreaDistance::set(conn, a, b, km)?;
                SupportLog::record(
                    conn,
                    None,
                    Some(by),
                    "地域間の距離を設定",
                    &format!("{from}〜{to} {km}km"),
                )?;
                Ok(true)
            })
        })
        .await?;
    if saved {
        render(&visitor, Feedback::done("距離を保存しました。"), None, 1).await
    } else {
        render(
            &visitor,
            Feedback::refused("地域を選び直してください。"),
            Some(typed),
            1,
        )
        .await
    }
}

async fn render(
    visitor: &Visitor,
    feedback: Feedback,
    typed: Option<String>,
    page: usize,
) -> Result<HttpResponse, AppError> {
    let (areas, rows) = visitor
        .db(|conn| Ok::<_, AppError>((Area::all(conn)?, AreaDistance::rows(conn)?)))
        .await?;
    let name = |id: i64| {
        areas
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let (notice, error) = feedback.split();
    let view = DistancesView {
        areas: std::iter::once((String::new(), "選んでください".to_string()))
            .chain(areas.iter().map(|a| (a.id.to_string(), a.name.clone())))
            .collect(),
        km: typed.unwrap_or_default(),
        notice,
        error,
    };
    let ctx = ctx(visitor);
    let items: Vec<_> = rows
        .iter()
        .map(|&(a, b, km)| {
            let row = DistanceRow {
                from: name(a),
                to: name(b),
                km: format!("{km}"),
            };
            distance_row(&row)
        })
        .collect();
    Ok(paged_list(visitor, &items, page, |list| distances(&ctx, &view, list)))
}
