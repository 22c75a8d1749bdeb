//! `/support/join`: joining as 依頼会員, 提供会員 or 両方会員, or changing that and the contact
//! details. A supporter's first save also writes her supporter row, with nothing vetted yet: she
//! receives no offer until a coordinator records her 講習, 面談 and insurance.

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::member::Member;
use crate::db::models::support::member::SupportMember;
use crate::db::models::support::supporter::{Offering, Supporter};
use crate::domain::policy::Action;
use crate::domain::support::enrolment::{Phone, ADDRESS_MAX};
use crate::domain::support::ids::AreaId;
use crate::domain::support::skill::Skills;
use crate::domain::support::status::Membership;
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::areas::area_choices;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::routes::support::enrolled::enrolment;
use crate::routes::support::home;
use actix_web::HttpResponse;
use hiroba_views::pages::support::join::{join, JoinForm, JoinView};

/// A new supporter's monthly limit until she sets her own (the table's default).
const FIRST_MONTHLY_LIMIT: u32 = 8;

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let (_, support) = enrolment(&visitor, Action::Read).await?;
    let typed = match &support {
        Some(s) => JoinForm {
            membership: s.membership().as_str().to_string(),
            phone: s.phone.clone(),
            address: s.address.clone(),
            home_area: String::new(),
        },
        None => JoinForm {
            membership: Membership::Asks.as_str().to_string(),
            ..JoinForm::default()
        },
    };
    render(&visitor, support.is_some(), typed, None).await
}

pub async fn save(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let (member_id, support) = enrolment(&visitor, Action::Update).await?;
    let typed = typed(&form);
    let enrolled = support.is_some();
    let Some(membership) = Membership::parse(&typed.membership) else {
        return render(&visitor, enrolled, typed, Some("会員の種類を選んでください。".into())).await;
    };
    let phone = match Phone::parse(&typed.phone) {
        Ok(phone) => phone,
        Err(e) => return render(&visitor, enrolled, typed, Some(e.to_string())).await,
    };
    let address = typed.address.trim().to_string();
    if address.chars().count() > ADDRESS_MAX {
        let why = format!("住所は{ADDRESS_MAX}文字までにしてください。");
        return render(&visitor, enrolled, typed, Some(why)).await;
    }
    let chosen_area = typed.home_area.parse::<i64>().ok();
    let refused = visitor
        .db(move |conn| {
            db::write_transaction(conn, |conn| {
                let existing = Supporter::find(conn, member_id)?;
                let home = match (&existing, membership.helps()) {
                    (None, true) => match Member::find(conn, member_id)?.area_id.or(chosen_area) {
                        Some(area) if Area::find(conn, area)?.is_some() => Some(area),
                        _ => return Ok(Some("お住まいの地域を選んでください。")),
                    },
                    _ => None,
                };
                SupportMember::save(conn, member_id, membership, phone.as_str(), &address)?;
                if let Some(home) = home {
                    let offering = Offering {
                        home_area: AreaId(home),
                        areas: &[AreaId(home)],
                        skills: Skills::NONE,
                        monthly_limit: FIRST_MONTHLY_LIMIT,
                        active: true,
                    };
                    Supporter::save_offering(conn, member_id, &offering)?;
                } else if existing.is_some() && !membership.helps() {
                    // No longer a 提供会員: her row stays for her past activities, paused so that
                    // no offer reaches her.
                    Supporter::set_active(conn, member_id, false)?;
                }
                Ok::<_, AppError>(None)
            })
        })
        .await?;
    if let Some(why) = refused {
        return render(&visitor, enrolled, typed, Some(why.to_string())).await;
    }
    let notice = if enrolled {
        "登録内容を変更しました。"
    } else {
        "会員として登録しました。"
    };
    home::render(&visitor, Some(notice.to_string())).await
}

fn typed(form: &FormData) -> JoinForm {
    let field = |name: &str| form.get(name).unwrap_or_default().to_string();
    JoinForm {
        membership: field("membership"),
        phone: field("phone"),
        address: field("address"),
        home_area: field("home_area"),
    }
}

async fn render(
    visitor: &Visitor,
    enrolled: bool,
    form: JoinForm,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let member_id = visitor.member().map_or(0, |m| m.member_id);
    // The home area is asked only of a member without an area who has no supporter row yet.
    let areas = visitor
        .db(move |conn| {
            let asked = Member::find(conn, member_id)?.area_id.is_none() && Supporter::find(conn, member_id)?.is_none();
            Ok(if asked { Area::all(conn)? } else { Vec::new() })
        })
        .await?;
    let view = JoinView {
        form,
        enrolled,
        areas: if areas.is_empty() {
            Vec::new()
        } else {
            area_choices(&areas, "選んでください")
        },
        error,
    };
    Ok(ok(visitor, &join(&ctx(visitor), &view)))
}
