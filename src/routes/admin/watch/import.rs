//! 名簿の取り込み: coordinators upload the CSV rosters that `hiroba import` reads.

use crate::domain::policy::{Action, Resource};
use crate::error::AppError;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::watch::import::{import, ImportError};
use crate::watch::roster::{parse_roster, RosterErrors, RosterKind};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::watch::import::{roster_import, Outcome};

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    visitor.require(Resource::WatchSetup, Action::Read)?;
    Ok(render(&visitor, &Outcome::None))
}

pub async fn upload(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    visitor.require(Resource::WatchSetup, Action::Create)?;
    let kind = form
        .get("kind")
        .and_then(|k| RosterKind::parse(k).ok())
        .ok_or_else(|| AppError::BadInput("roster kind".into()))?;
    let Some(file) = form.files.iter().find(|f| f.field == "file" && !f.bytes.is_empty()) else {
        let outcome = Outcome::Refused {
            file: "ファイル".into(),
            problems: vec!["CSV ファイルを選んでください。".into()],
        };
        return Ok(render(&visitor, &outcome));
    };
    let name = file.filename.clone();
    let refused = |e: RosterErrors| Outcome::Refused {
        file: name.clone(),
        problems: e.messages(),
    };
    let outcome = match parse_roster(kind, &file.bytes) {
        Err(e) => refused(e),
        Ok(roster) => match visitor.db(move |conn| Ok(import(conn, &roster))).await? {
            Ok(done) => Outcome::Done(format!(
                "{}の名簿を取り込みました：追加 {} 件、更新 {} 件",
                kind.label(),
                done.added,
                done.updated
            )),
            Err(ImportError::Roster(e)) => refused(e),
            Err(ImportError::Db(e)) => return Err(AppError::internal(e)),
        },
    };
    Ok(render(&visitor, &outcome))
}

fn render(visitor: &Visitor, outcome: &Outcome) -> HttpResponse {
    let kinds: Vec<(String, String)> = RosterKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), format!("{}の名簿", k.label())))
        .collect();
    let templates: Vec<(String, String)> = RosterKind::ALL
        .iter()
        .map(|k| (k.label().to_string(), k.template()))
        .collect();
    ok(visitor, &roster_import(&ctx(visitor), &kinds, &templates, outcome))
}
