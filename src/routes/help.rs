//! `/help/mail`: how to let our mail through each carrier's filters, and how to post by mail.

use crate::domain::mail_route::entry_address;
use crate::domain::policy::{Action, Resource};
use crate::domain::role::MemberStatus;
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::mail_help::{mail_help, MailHelpView};

pub async fn mail(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::PublicInfo, Action::Read)?;
    let settings = &visitor.settings().mail;
    let view = MailHelpView {
        domain: settings.domain.clone(),
        from_address: settings.from_address(),
        entry_address: entry_address(&settings.domain),
        posting_note: visitor.member().is_some_and(|m| m.status == MemberStatus::Approved),
    };
    Ok(ok(&visitor, &mail_help(&ctx(&visitor), &view)))
}
