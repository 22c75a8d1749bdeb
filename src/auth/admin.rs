//! Member administration for the command line and the demo: add a ready member, describe one.

use crate::auth::password::{hash_password, Password};
use crate::db::models::area::Area;
use crate::db::models::magazine::Subscription;
use crate::db::models::mail_address::MailAddress;
use crate::db::models::member::{Member, NewMember};
use crate::db::models::subscriber_id;
use crate::db::DbConnection;
use crate::domain::email::EmailAddress;
use crate::domain::mail_route::posting_address;
use crate::domain::role::{MemberStatus, Role};
use crate::keitai::ProfileRegistry;
use std::fmt::Write;

/// A member created by an operator: the address counts as verified.
#[derive(Debug)]
pub struct AddMember<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub roles: &'a [Role],
    pub nickname: &'a str,
    pub real_name: &'a str,
    pub area: Option<&'a str>,
    pub status: MemberStatus,
}

/// Adds the member, or explains in one line why not; returns the id and the address as stored.
pub fn add_member(
    conn: &mut DbConnection,
    profiles: &ProfileRegistry,
    new: &AddMember<'_>,
) -> Result<(i64, EmailAddress), String> {
    let password = Password::parse(new.password).map_err(|e| e.to_string())?;
    let hash = hash_password(&password)?;
    add_member_hashed(conn, profiles, new, &hash)
}

/// `add_member` with the password already hashed (`new.password` is not read): the demo adds
/// dozens of members with one password and hashes it once.
pub fn add_member_hashed(
    conn: &mut DbConnection,
    profiles: &ProfileRegistry,
    new: &AddMember<'_>,
    hash: &str,
) -> Result<(i64, EmailAddress), String> {
    let email = EmailAddress::parse(new.email).map_err(|e| format!("{e} ({})", new.email))?;
    if new.roles.is_empty() {
        return Err("役割を1つ以上指定してください (give at least one --role)".into());
    }
    let carrier = profiles.mail_profile(email.domain()).id.clone();
    crate::db::write_transaction(conn, |conn| {
        if MailAddress::find(conn, email.as_str())?.is_some() {
            return Ok(Err(format!("{email} はすでに登録されています (already registered)")));
        }
        let area_id = match new.area {
            Some(name) => match Area::all(conn)?.into_iter().find(|a| a.name == name) {
                Some(a) => Some(a.id),
                None => return Ok(Err(format!("地域「{name}」がありません (unknown area)"))),
            },
            None => None,
        };
        let id = Member::insert(
            conn,
            &NewMember {
                nickname: new.nickname,
                real_name: new.real_name,
                area_id,
                password_hash: hash,
                status: new.status,
                roles: new.roles,
            },
        )?;
        MailAddress::insert(conn, id, email.as_str(), &carrier, true, None)?;
        Subscription::defaults(area_id).save(conn, id)?;
        Ok(Ok((id, email.clone())))
    })
    .map_err(|e: diesel::result::Error| e.to_string())?
}

/// A member described for an operator: roles, state, addresses and their health.
pub fn describe_member(conn: &mut DbConnection, email: &str, mail_domain: &str) -> Result<String, String> {
    let email = EmailAddress::parse(email).map_err(|e| e.to_string())?;
    let db = |e: diesel::result::Error| e.to_string();
    let address = MailAddress::find(conn, email.as_str())
        .map_err(db)?
        .ok_or_else(|| format!("{email} の会員はいません (no member with this address)"))?;
    let member = Member::find(conn, address.member_id).map_err(db)?;
    let roles = Member::roles(conn, member.id).map_err(db)?;
    let area = match member.area_id {
        Some(id) => Area::find(conn, id).map_err(db)?.map(|a| a.name),
        None => None,
    };
    let mut out = String::new();
    let _ = writeln!(out, "会員番号 (id): {}", member.id);
    let _ = writeln!(out, "ニックネーム: {}", member.nickname);
    let _ = writeln!(out, "氏名: {}", member.real_name);
    let _ = writeln!(
        out,
        "状態 (status): {} ({})",
        member.status().label(),
        member.status().as_str()
    );
    let role_names: Vec<String> = roles.iter().map(|r| format!("{} ({r})", r.label())).collect();
    let _ = writeln!(out, "役割 (roles): {}", role_names.join(", "));
    let _ = writeln!(out, "地域 (area): {}", area.as_deref().unwrap_or("-"));
    let token = Member::posting_token(conn, member.id).map_err(db)?;
    let _ = writeln!(
        out,
        "投稿用アドレス (posting address): {}",
        posting_address(&token, mail_domain)
    );
    let _ = writeln!(out, "メールアドレス (addresses):");
    for a in MailAddress::of_member(conn, member.id).map_err(db)? {
        let _ = writeln!(
            out,
            "  {} carrier={} {}{} health={}",
            a.address,
            a.carrier,
            if a.is_primary { "primary " } else { "" },
            if a.is_verified() { "verified" } else { "unverified" },
            a.health
        );
    }
    let phones = subscriber_id::count_for(conn, member.id).map_err(db)?;
    let _ = writeln!(out, "かんたんログインの端末 (registered phones): {phones}");
    Ok(out)
}
