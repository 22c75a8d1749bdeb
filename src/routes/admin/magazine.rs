//! お知らせメール (coordinators): write a notice for some areas and one topic, see it as each
//! carrier will receive it, and send it through the outbox to the members who asked for it.

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::magazine::{topic_label, Magazine, TOPICS};
use crate::db::models::outbox::{MailKind, OutboxMail};
use crate::db::models::server_secret;
use crate::domain::policy::{Action, Resource};
use crate::domain::time::jst;
use crate::domain::unsubscribe::UnsubscribeToken;
use crate::error::AppError;
use crate::mail::outbound::preview::previews;
use crate::routes::request::{ctx, ok, redirect, Posted, Visitor};
use actix_web::{web, HttpResponse};
use hiroba_views::mail::magazine as magazine_text;
use hiroba_views::pages::magazine::{
    magazine_list, magazine_preview, CarrierPreview, Choice, MagazinePreview, MagazineRow,
};

pub async fn list(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    render_list(&visitor, None).await
}

pub async fn create(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let by = visitor.require_member(Resource::Members, Action::Moderate)?.member_id;
    let title = form.get("title").unwrap_or_default().trim().to_string();
    let body = form.get("body").unwrap_or_default().trim().replace("\r\n", "\n");
    let topic = form.get("topic").unwrap_or_default().to_string();
    let areas: Vec<i64> = form.all("area").filter_map(|a| a.parse().ok()).collect();
    let problem = if title.is_empty() || body.is_empty() {
        Some("件名と本文を入力してください。")
    } else if topic_label(&topic).is_none() {
        Some("テーマを選んでください。")
    } else if areas.is_empty() {
        Some("送る地域を選んでください。")
    } else {
        None
    };
    if let Some(problem) = problem {
        return render_list(&visitor, Some(problem)).await;
    }
    let id = visitor
        .db(move |conn| {
            let known: Vec<i64> = Area::all(conn)?.into_iter().map(|a| a.id).collect();
            let areas: Vec<i64> = areas.into_iter().filter(|a| known.contains(a)).collect();
            Ok(db::write_transaction(conn, |conn| {
                Magazine::create(conn, by, &title, &body, &topic, &areas)
            })?)
        })
        .await?;
    Ok(redirect(&visitor, &format!("/admin/magazine/{id}")))
}

pub async fn show(visitor: Visitor, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::Members, Action::Read)?;
    render_preview(&visitor, id.into_inner(), None).await
}

pub async fn send(posted: Posted, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let Posted { visitor, .. } = posted;
    visitor.require(Resource::Members, Action::Moderate)?;
    let id = id.into_inner();
    let base_url = visitor.settings().base_url.clone();
    let sent = visitor
        .db(move |conn| {
            Ok(db::write_transaction(conn, |conn| {
                let magazine = Magazine::find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
                let to = Magazine::recipients(conn, id)?;
                // Sending to nobody would only mark the notice sent: it stays a draft instead.
                if to.is_empty() {
                    return Ok(Some(0));
                }
                if !Magazine::mark_sent(conn, id, to.len())? {
                    return Ok(None);
                }
                let key = server_secret::get_or_create(conn, server_secret::UNSUBSCRIBE)?;
                for (member_id, address) in &to {
                    let token = UnsubscribeToken::sign(key.as_bytes(), *member_id);
                    let url = format!("{base_url}/unsubscribe/{}", token.as_str());
                    let body = magazine_text::with_unsubscribe(&magazine.body, &url);
                    let id = OutboxMail::queue(conn, MailKind::Magazine, address, &magazine.title, &body)?;
                    OutboxMail::set_unsubscribe(conn, id, &url)?;
                }
                Ok::<_, diesel::result::Error>(Some(to.len()))
            })?)
        })
        .await?;
    visitor.state().wakeup.notify();
    let notice = match sent {
        Some(0) => "送信先がいないため、送信しませんでした。下書きのまま残しています。".to_string(),
        Some(n) => format!("{n} 件の送信を受け付けました。順に配信します。"),
        None => "このお知らせは送信済みです。".to_string(),
    };
    render_preview(&visitor, id, Some(notice)).await
}

async fn render_list(visitor: &Visitor, error: Option<&str>) -> Result<HttpResponse, AppError> {
    let (magazines, areas) = visitor
        .db(|conn| Ok((Magazine::recent(conn, 50)?, Area::all(conn)?)))
        .await?;
    let rows: Vec<MagazineRow> = magazines
        .into_iter()
        .map(|m| MagazineRow {
            id: m.id,
            title: m.title,
            topic: topic_label(&m.topic).unwrap_or_default().to_string(),
            state: match m.sent_at {
                Some(at) => format!("{} 送信（{} 件）", jst(at).format("%m/%d %H:%M"), m.recipients),
                None => "未送信".into(),
            },
        })
        .collect();
    let areas: Vec<Choice> = areas.into_iter().map(|a| (a.id.to_string(), a.name, false)).collect();
    let topics: Vec<(String, String)> = TOPICS.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect();
    Ok(ok(
        visitor,
        &magazine_list(&ctx(visitor), &rows, &areas, &topics, error),
    ))
}

async fn render_preview(visitor: &Visitor, id: i64, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let (magazine, area_names, recipients) = visitor
        .db(move |conn| {
            let magazine = Magazine::find(conn, id)?.ok_or(AppError::NotFound)?;
            let targets = Magazine::areas(conn, id)?;
            let names: Vec<String> = Area::all(conn)?
                .into_iter()
                .filter(|a| targets.contains(&a.id))
                .map(|a| a.name)
                .collect();
            Ok((magazine, names, Magazine::recipients(conn, id)?.len()))
        })
        .await?;
    let view = MagazinePreview {
        id,
        topic: topic_label(&magazine.topic).unwrap_or_default().to_string(),
        areas: area_names.join("・"),
        recipients,
        sent: magazine.sent_at.map(|at| {
            format!(
                "{} に {} 件へ送信しました。",
                jst(at).format("%m/%d %H:%M"),
                magazine.recipients
            )
        }),
        previews: previews(&visitor.state().ctx, &magazine.title, &magazine.body)
            .into_iter()
            .map(|p| CarrierPreview {
                carrier: p.profile,
                charset: p.charset,
                bytes: p.bytes,
                subject: p.subject,
                body: p.body,
            })
            .collect(),
        title: magazine.title,
        notice,
    };
    Ok(ok(visitor, &magazine_preview(&ctx(visitor), &view)))
}
