//! `/register`: registration by form from every profile.

use crate::auth::password::Password;
use crate::auth::registration::{register, register_invited, Registration};
use crate::db::models::area::Area;
use crate::db::models::registration_invite;
use crate::domain::email::EmailAddress;
use crate::domain::mail_route::entry_address;
use crate::domain::nickname::Nickname;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::Role;
use crate::domain::token::{looks_like_token, token_hash};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::{ctx, ok, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::account::{message, register_done, register_sent, RegisterView};

pub async fn form(mut visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let invite = match invitation(&visitor, query.0.get("invite")).await? {
        Invitation::Dead => return Ok(ok(&visitor, &invite_expired(&visitor))),
        Invitation::None => None,
        Invitation::Live { token, address } => Some((token, address)),
    };
    visitor.ensure_session().await?;
    let view = RegisterView {
        areas: areas(&visitor).await?,
        role: Role::Guardian.as_str().into(),
        email: invite.as_ref().map(|(_, a)| a.clone()).unwrap_or_default(),
        invite: invite.map(|(t, _)| t),
        mail_domain: visitor.settings().mail.domain.clone(),
        ..RegisterView::default()
    };
    Ok(ok(
        &visitor,
        &hiroba_views::pages::account::register(&ctx(&visitor), &view),
    ))
}

pub async fn submit(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let areas = areas(&visitor).await?;
    // With an invitation the address is the one that mailed entry@, whatever the form says.
    let invite = match invitation(&visitor, form.get("invite")).await? {
        Invitation::Dead => return Ok(ok(&visitor, &invite_expired(&visitor))),
        Invitation::None => None,
        Invitation::Live { token, address } => Some((token, address)),
    };
    let email_field = invite
        .as_ref()
        .map(|(_, a)| a.as_str())
        .or(form.get("email"))
        .unwrap_or_default()
        .to_string();
    let parsed = parse(&visitor, &form, &email_field, &areas);
    let (registration, password) = match parsed {
        Ok(ok) => ok,
        Err(errors) => {
            let view = RegisterView {
                email: email_field,
                invite: invite.map(|(t, _)| t),
                nickname: form.get("nickname").unwrap_or_default().into(),
                real_name: form.get("real_name").unwrap_or_default().into(),
                area: form.get("area").unwrap_or_default().into(),
                role: form.get("role").unwrap_or_default().into(),
                areas,
                errors,
                mail_domain: visitor.settings().mail.domain.clone(),
            };
            return Ok(ok(
                &visitor,
                &hiroba_views::pages::account::register(&ctx(&visitor), &view),
            ));
        }
    };
    let email = registration.email.to_string();
    let site = visitor.settings().site();
    let mut registration = registration;
    registration.password_hash = visitor.hash_password(password).await?;
    if let Some((token, _)) = invite {
        let registered = visitor
            .db(move |conn| Ok(register_invited(conn, &registration, &token_hash(&token), &site)?))
            .await?;
        if !registered {
            return Ok(ok(&visitor, &invite_expired(&visitor)));
        }
        return Ok(ok(&visitor, &register_done(&ctx(&visitor), &email)));
    }
    visitor
        .db(move |conn| Ok(register(conn, &registration, &site)?))
        .await?;
    Ok(ok(
        &visitor,
        &register_sent(&ctx(&visitor), &email, &visitor.settings().mail.domain),
    ))
}

/// The 空メール invitation a request carries.
enum Invitation {
    None,
    Live {
        token: String,
        address: String,
    },
    /// Used up, expired or made up.
    Dead,
}

async fn invitation(visitor: &Visitor, token: Option<&str>) -> Result<Invitation, AppError> {
    let Some(token) = token else {
        return Ok(Invitation::None);
    };
    if !looks_like_token(token) {
        return Ok(Invitation::Dead);
    }
    let hash = token_hash(token);
    let address = visitor
        .db(move |conn| Ok(registration_invite::address_of(conn, &hash)?))
        .await?;
    Ok(match address {
        Some(address) => Invitation::Live {
            token: token.to_string(),
            address,
        },
        None => Invitation::Dead,
    })
}

fn invite_expired(visitor: &Visitor) -> String {
    let entry = entry_address(&visitor.settings().mail.domain);
    message(
        &ctx(visitor),
        "このURLは使えません",
        &[
            "登録用のURLの有効期限（24時間）が切れたか、すでに使われています。",
            &format!("お手数ですが、もう一度 {entry} に空メールを送ってください。"),
        ],
    )
}

async fn areas(visitor: &Visitor) -> Result<Vec<(String, String)>, AppError> {
    let areas = visitor.db(|conn| Ok(Area::all(conn)?)).await?;
    Ok(areas.into_iter().map(|a| (a.id.to_string(), a.name)).collect())
}

/// Every field checked at once, so the member sees every problem on one page.
fn parse(
    visitor: &Visitor,
    form: &FormData,
    email: &str,
    areas: &[(String, String)],
) -> Result<(Registration, Password), Vec<String>> {
    let mut errors = Vec::new();
    let email = EmailAddress::parse(email).map_err(|e| errors.push(e.to_string()));
    let password = Password::parse(form.get("password").unwrap_or_default()).map_err(|e| errors.push(e.to_string()));
    let nickname = Nickname::parse(form.get("nickname").unwrap_or_default())
        .map(Nickname::into_string)
        .unwrap_or_else(|e| {
            errors.push(e.to_string());
            String::new()
        });
    let real_name = form.get("real_name").unwrap_or_default().trim().to_string();
    if real_name.is_empty() || real_name.chars().count() > 40 {
        errors.push("お名前は1〜40文字で入力してください。".into());
    }
    let area = form.get("area").unwrap_or_default();
    let area_id = if area.is_empty() {
        if !areas.is_empty() {
            errors.push("お住まいの地域を選んでください。".into());
        }
        None
    } else {
        match areas.iter().find(|(id, _)| id == area) {
            Some((id, _)) => id.parse::<i64>().ok(),
            None => {
                errors.push("お住まいの地域を選び直してください。".into());
                None
            }
        }
    };
    let role = match form.get("role") {
        Some("supporter") => Role::Supporter,
        _ => Role::Guardian,
    };
    match (email, password) {
        (Ok(email), Ok(password)) if errors.is_empty() => {
            let carrier = visitor.profiles().mail_profile(email.domain()).id.clone();
            Ok((
                Registration {
                    email,
                    carrier,
                    password_hash: String::new(),
                    nickname,
                    real_name,
                    area_id,
                    role,
                },
                password,
            ))
        }
        _ => Err(errors),
    }
}
