//! The month's statements as CSV for Excel (CP932, CRLF, a header row in Japanese):
//! `supporters.csv` (提供会員の月報), `families.csv` (依頼会員の請求), `centre.csv` (センター集計).

use super::statement_view::{centre_view, csv_lines, person_row};
use super::statements::load;
use crate::error::AppError;
use crate::routes::request::{csv_download, KeitaiQuery, Visitor};
use actix_web::HttpResponse;
use hiroba_views::pages::admin::support::statements::{centre_csv, people_csv};

pub async fn supporters(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    people(visitor, query, true).await
}

pub async fn families(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    people(visitor, query, false).await
}

async fn people(visitor: Visitor, query: KeitaiQuery, supporters: bool) -> Result<HttpResponse, AppError> {
    let statement = load(&visitor, &query).await?;
    let people = if supporters {
        &statement.supporters
    } else {
        &statement.families
    };
    let rows: Vec<_> = people.iter().map(|p| person_row(&statement, p, !supporters)).collect();
    let key = statement.month.key();
    let text = people_csv(&key, supporters, &rows, &csv_lines(&statement, supporters));
    let (file, japanese) = if supporters {
        ("supporters", "提供会員の月報")
    } else {
        ("families", "依頼会員の請求")
    };
    Ok(csv_download(
        &visitor,
        &format!("hiroba-{file}-{key}.csv"),
        &format!("{japanese}_{key}.csv"),
        &text,
    ))
}

pub async fn centre(visitor: Visitor, query: KeitaiQuery) -> Result<HttpResponse, AppError> {
    let statement = load(&visitor, &query).await?;
    let key = statement.month.key();
    let text = centre_csv(&key, &centre_view(&statement));
    Ok(csv_download(
        &visitor,
        &format!("hiroba-centre-{key}.csv"),
        &format!("センター集計_{key}.csv"),
        &text,
    ))
}
