//! `/support/profile`: a 提供会員 sets her home area, the areas she covers, her skills and her
//! monthly limit, and pauses (休止) or resumes.

use crate::db;
use crate::db::models::area::Area;
use crate::db::models::support::supporter::{Offering, Supporter};
use crate::domain::policy::Action;
use crate::domain::support::ids::AreaId;
use crate::domain::support::skill::{Skill, Skills};
use crate::error::AppError;
use crate::keitai::form::FormData;
use crate::routes::request::{ctx, ok, Posted, Visitor};
use crate::routes::support::enrolled::supporter;
use actix_web::HttpResponse;
use hiroba_views::pages::support::profile::{profile, ProfileForm, ProfileView};

/// The most activities a month a supporter may set (two a day).
const LIMIT_MAX: u32 = 62;

/// A skill's form value.
fn skill_value(skill: Skill) -> &'static str {
    match skill {
        Skill::Infant => "infant",
        Skill::AfterIllness => "after_illness",
        Skill::Car => "car",
        Skill::Siblings => "siblings",
    }
}

pub async fn form(visitor: Visitor) -> Result<HttpResponse, AppError> {
    let row = supporter(&visitor, Action::Read).await?;
    let member_id = row.member_id;
    let areas = visitor.db(move |conn| Ok(Supporter::areas(conn, member_id)?)).await?;
    let typed = ProfileForm {
        home_area: row.home_area_id.to_string(),
        areas: areas.iter().map(|a| a.0.to_string()).collect(),
        skills: row.skills().iter().map(|s| skill_value(s).to_string()).collect(),
        monthly_limit: row.monthly_limit.to_string(),
    };
    render(&visitor, row.active, typed, None, None).await
}

pub async fn save(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let row = supporter(&visitor, Action::Update).await?;
    let typed = typed(&form);
    let known = visitor.db(|conn| Ok(Area::all(conn)?)).await?;
    let is_area = |text: &str| text.parse::<i64>().ok().filter(|id| known.iter().any(|a| a.id == *id));
    let Some(home) = is_area(&typed.home_area) else {
        return render(
            &visitor,
            row.active,
            typed,
            None,
            Some("お住まいの地域を選んでください。"),
        )
        .await;
    };
    let areas: Vec<AreaId> = typed.areas.iter().filter_map(|a| is_area(a)).map(AreaId).collect();
    if areas.is_empty() {
        return render(
            &visitor,
            row.active,
            typed,
            None,
            Some("活動できる地域を1つ以上選んでください。"),
        )
        .await;
    }
    let Some(limit) = typed
        .monthly_limit
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= LIMIT_MAX)
    else {
        let why = "1か月の上限は0〜62の数で入力してください。";
        return render(&visitor, row.active, typed, None, Some(why)).await;
    };
    let skills: Skills = Skill::ALL
        .into_iter()
        .filter(|s| typed.skills.iter().any(|v| v == skill_value(*s)))
        .collect();
    let (member_id, active) = (row.member_id, row.active);
    visitor
        .db(move |conn| {
            let offering = Offering {
                home_area: AreaId(home),
                areas: &areas,
                skills,
                monthly_limit: limit,
                active,
            };
            db::write_transaction(conn, |conn| Supporter::save_offering(conn, member_id, &offering))?;
            Ok(())
        })
        .await?;
    render(&visitor, active, typed, Some("提供内容を保存しました。"), None).await
}

/// 休止する / 再開する.
pub async fn set_active(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let row = supporter(&visitor, Action::Update).await?;
    let active = form.get("active") == Some("1");
    let member_id = row.member_id;
    visitor
        .db(move |conn| Ok(Supporter::set_active(conn, member_id, active)?))
        .await?;
    let areas = visitor.db(move |conn| Ok(Supporter::areas(conn, member_id)?)).await?;
    let typed = ProfileForm {
        home_area: row.home_area_id.to_string(),
        areas: areas.iter().map(|a| a.0.to_string()).collect(),
        skills: row.skills().iter().map(|s| skill_value(s).to_string()).collect(),
        monthly_limit: row.monthly_limit.to_string(),
    };
    let notice = if active {
        "再開しました。依頼のお知らせが届くようになります。"
    } else {
        "休止しました。再開するまで依頼のお知らせは届きません。"
    };
    render(&visitor, active, typed, Some(notice), None).await
}

fn typed(form: &FormData) -> ProfileForm {
    ProfileForm {
        home_area: form.get("home_area").unwrap_or_default().to_string(),
        areas: form.all("area").map(str::to_string).collect(),
        skills: form.all("skill").map(str::to_string).collect(),
        monthly_limit: form.get("monthly_limit").unwrap_or_default().to_string(),
    }
}

async fn render(
    visitor: &Visitor,
    active: bool,
    form: ProfileForm,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let areas = visitor.db(|conn| Ok(Area::all(conn)?)).await?;
    let view = ProfileView {
        form,
        areas: areas.into_iter().map(|a| (a.id.to_string(), a.name)).collect(),
        skills: Skill::ALL
            .into_iter()
            .map(|s| (skill_value(s).to_string(), s.label().to_string()))
            .collect(),
        active,
        notice: notice.map(str::to_string),
        error: error.map(str::to_string),
    };
    Ok(ok(visitor, &profile(&ctx(visitor), &view)))
}
