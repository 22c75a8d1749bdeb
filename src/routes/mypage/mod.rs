//! マイページ: the member's own account.

pub mod addresses;
pub mod magazine;
pub mod nickname;
pub mod password;
pub mod phone;
pub mod posting;

use crate::db::models::area::Area;
use crate::db::models::community::Community;
use crate::db::models::event::Event;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::Member;
use crate::db::models::notebook::family::Family;
use crate::db::models::subscriber_id;
use crate::db::models::watch::school::School;
use crate::db::DbConnection;
use crate::domain::mail_route::posting_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::{MemberStatus, Role};
use crate::domain::time::today;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::mypage::{mypage, AddressItem, MyPageView};
use hiroba_views::pages::portal::events::EventItem;

/// How many of the area's events my page names, and how far ahead it looks.
const AREA_EVENTS: usize = 5;
const AREA_EVENT_DAYS: i64 = 14;

/// Events in the member's area in the next two weeks (none without an area).
fn area_events(conn: &mut DbConnection, area: Option<i64>) -> Result<Vec<Event>, AppError> {
    let Some(area) = area else {
        return Ok(Vec::new());
    };
    let from = today();
    let mut events = Event::between(
        conn,
        from,
        from + chrono::Duration::days(AREA_EVENT_DAYS - 1),
        Some(area),
    )?;
    events.truncate(AREA_EVENTS);
    Ok(events)
}

pub async fn show(visitor: Visitor) -> Result<HttpResponse, AppError> {
    render(&visitor, None).await
}

/// My page, with an optional notice on top (after an action on it).
pub async fn render(visitor: &Visitor, notice: Option<String>) -> Result<HttpResponse, AppError> {
    let member_id = visitor.require_member(Resource::OwnAccount, Action::Read)?.member_id;
    let (member, roles, area, addresses, phones, posting_token, watch, area_events, communities) = visitor
        .db(move |conn| {
            let member = Member::find(conn, member_id)?;
            let communities = Community::joined_by(conn, member_id)?;
            let posting_token = match member.status() {
                MemberStatus::Approved => Some(Member::posting_token(conn, member_id)?),
                _ => None,
            };
            let area_events = area_events(conn, member.area_id)?;
            let area = match member.area_id {
                Some(id) => Area::find(conn, id)?,
                None => None,
            };
            Ok((
                member,
                Member::roles(conn, member_id)?,
                area,
                MailAddress::of_member(conn, member_id)?,
                subscriber_id::count_for(conn, member_id)?,
                posting_token,
                watches(conn, member_id)?,
                area_events,
                communities,
            ))
        })
        .await?;
    let profiles = &visitor.profiles();
    let view = MyPageView {
        nickname: member.nickname.clone(),
        roles: roles.iter().map(|r| r.label().to_string()).collect(),
        status: member.status().label().to_string(),
        pending: member.status() == MemberStatus::Pending,
        area: area.map(|a| a.name),
        addresses: addresses
            .into_iter()
            .map(|a| AddressItem {
                id: a.id,
                carrier: profiles
                    .iter()
                    .find(|p| p.id == a.carrier)
                    .map(|p| p.name.clone())
                    .unwrap_or(a.carrier.clone()),
                primary: a.is_primary,
                verified: a.is_verified(),
                problem: health_advice(&a.health),
                address: a.address,
            })
            .collect(),
        phone_registered: phones > 0,
        phone_offer: visitor.state().gateways().offer(&visitor.device).is_ok(),
        easy_login_notice: visitor
            .state()
            .gateways()
            .offer(&visitor.device)
            .err()
            .and_then(|refusal| refusal.operator_notice()),
        staff: roles.iter().any(|r| matches!(r, Role::Coordinator | Role::Admin)),
        notice,
        posting_address: posting_token.map(|t| posting_address(&t, &visitor.settings().mail.domain)),
        watch: watch || roles.contains(&Role::Coordinator),
        area_events: area_events.iter().map(EventItem::from).collect(),
        communities: communities
            .into_iter()
            .map(|c| {
                let closed = !c.is_approved();
                (
                    c.id,
                    if closed {
                        format!("{}（終了）", c.name)
                    } else {
                        c.name
                    },
                )
            })
            .collect(),
    };
    Ok(ok(visitor, &mypage(&ctx(visitor), &view)))
}

/// Whether the member has children in her family, or works at a school.
fn watches(conn: &mut DbConnection, member_id: i64) -> diesel::QueryResult<bool> {
    Ok(!Family::children_of_guardian(conn, member_id)?.is_empty() || !School::of_staff(conn, member_id)?.is_empty())
}

/// What a member should do about an address mail does not reach.
fn health_advice(health: &str) -> Option<String> {
    match health {
        "unknown_user" => Some("このアドレスにはメールが届きません（アドレスが存在しません）。削除して、新しいアドレスを登録してください。".into()),
        "filtered" => Some("メールが受信拒否されています。ケータイの迷惑メール設定（指定受信）で、このサイトのドメインを許可してください。".into()),
        _ => None,
    }
}

use actix_web::web;

/// Registers マイページ.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/mypage", web::get().to(show))
        .route("/mypage/addresses", web::post().to(addresses::add))
        .route("/mypage/addresses/primary", web::post().to(addresses::make_primary))
        .route("/mypage/addresses/remove", web::post().to(addresses::remove))
        .route("/mypage/phone", web::get().to(phone::form))
        .route("/mypage/phone", web::post().to(phone::register))
        .route("/mypage/phone/remove", web::post().to(phone::remove))
        .route("/mypage/addresses/test", web::post().to(addresses::test_mail))
        .route("/mypage/posting/renew", web::post().to(posting::renew))
        .route("/mypage/magazine", web::get().to(magazine::form))
        .route("/mypage/magazine", web::post().to(magazine::save))
        .route("/mypage/password", web::get().to(password::form))
        .route("/mypage/password", web::post().to(password::submit))
        .route("/mypage/nickname", web::get().to(nickname::form))
        .route("/mypage/nickname", web::post().to(nickname::submit));
}
