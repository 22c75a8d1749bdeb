//! `/notebook/join`: a member types a child's 申込コード (or arrives with `?code=` from the QR
//! code, the field filled in). Wrong codes are limited per account and per client address.

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::notebook::join::{child_label, join_by_code, Attempt, CodeOutcome, Joined};
use crate::routes::account::limited_client;
use crate::routes::notebook::families::start;
use crate::routes::request::{ctx, ok, KeitaiQuery, Posted, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::families::join::{join, JoinView};

/// The longest code field kept when a page shows it again.
const TYPED_MAX: usize = 40;

pub async fn form(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    visitor.require_member(Resource::Notebook, Action::Read)?;
    let code = typed(query.0.get("code"));
    render(&visitor, code, None)
}

pub async fn save(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let member_id = visitor.require_member(Resource::Notebook, Action::Create)?.member_id;
    let code = typed(form.get("code"));
    if code.trim().is_empty() {
        return render(&visitor, code, Some("申込コードを入力してください。".into()));
    }
    // Behind a carrier gateway thousands of phones share one address: the account limit alone
    // applies there (as for logins).
    let attempt = Attempt {
        member_id: Some(member_id),
        client: limited_client(&visitor),
        mail_from: None,
    };
    let per_hour = visitor.settings().notebook.join_attempts_per_hour;
    let typed_code = code.clone();
    let outcome = visitor
        .db(move |conn| Ok(join_by_code(conn, per_hour, &attempt, &typed_code)?))
        .await?;
    match outcome {
        CodeOutcome::Accepted { child, joined } => {
            let label = child_label(&child);
            let notice = match joined {
                Joined::Joined => format!("{label}さんを登録しました。"),
                Joined::Pending => format!("{label}さんの登録を受け付けました。学校の承認をお待ちください。"),
                Joined::Already => format!("{label}さんはすでに登録されています。"),
            };
            start::render(&visitor, Some(notice)).await
        }
        CodeOutcome::Wrong => render(
            &visitor,
            code,
            Some("申込コードが違います。お手紙のコードをもう一度お確かめください。".into()),
        ),
        CodeOutcome::Limited => render(
            &visitor,
            code,
            Some("申込コードの入力を何度も間違えたため、しばらく受け付けられません。1時間ほどたってから、もう一度お試しください。".into()),
        ),
    }
}

fn typed(value: Option<&str>) -> String {
    value.unwrap_or_default().chars().take(TYPED_MAX).collect()
}

fn render(visitor: &Visitor, code: String, error: Option<String>) -> Result<HttpResponse, AppError> {
    Ok(ok(visitor, &join(&ctx(visitor), &JoinView { code, error })))
}
