//! 送迎・あずかり支援: families with children, and supporters vetted and available unless the test
//! says otherwise.
//!
//! ```ignore
//! let family = FamilyBuilder::new("はなママ").area("柏中央").child("さくら", "2021-04-02").insert(&app);
//! let helper = SupporterBuilder::new("よしこ").areas(&["柏中央"]).carrier(Carrier::Au).insert(&app);
//! ```

use super::member::{Carrier, MemberBuilder, TestMember};
use crate::helpers::app::TestApp;
use chrono::{NaiveDate, Weekday};
use hiroba::db::models::area::Area;
use hiroba::db::models::support::child::FamilyChild;
use hiroba::db::models::support::member::SupportMember;
use hiroba::db::models::support::request::{NewRequest, Progress, RequestChild, SupportRequest};
use hiroba::db::models::support::supporter::{Offering, Supporter, VettingRecord};
use hiroba::db::DbConnection;
use hiroba::domain::role::Role;
use hiroba::domain::support::availability::Band;
use hiroba::domain::support::candidate::InsurancePeriod;
use hiroba::domain::support::ids::{AreaId, FamilyId, SupporterId};
use hiroba::domain::support::request::{CarePlace, Kind};
use hiroba::domain::support::skill::{Skill, Skills};
use hiroba::domain::support::slot::Slot;
use hiroba::domain::support::status::Membership;

/// The id of a settings area by name.
pub fn area_id(app: &TestApp, name: &str) -> i64 {
    let mut conn = app.pool.get().expect("connection");
    Area::all(&mut conn)
        .expect("areas")
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no area {name}"))
        .id
}

pub struct FamilyBuilder {
    member: MemberBuilder,
    area: String,
    children: Vec<(String, NaiveDate, String)>,
    also_helps: bool,
}

/// A family as built: her member and her children's ids in the order given.
#[derive(Debug, Clone)]
pub struct TestFamily {
    pub member: TestMember,
    pub children: Vec<i64>,
}

impl FamilyBuilder {
    /// A 依頼会員 in 柏中央 on docomo, no children yet.
    pub fn new(nickname: &str) -> Self {
        FamilyBuilder {
            member: MemberBuilder::new(nickname),
            area: "柏中央".into(),
            children: Vec::new(),
            also_helps: false,
        }
    }

    pub fn area(mut self, area: &str) -> Self {
        self.area = area.to_string();
        self
    }

    pub fn carrier(mut self, carrier: Carrier) -> Self {
        self.member = self.member.carrier(carrier);
        self
    }

    pub fn email(mut self, email: &str) -> Self {
        self.member = self.member.email(email);
        self
    }

    pub fn real_name(mut self, real_name: &str) -> Self {
        self.member = self.member.real_name(real_name);
        self
    }

    /// A child born on `birth_date` (「2021-04-02」).
    pub fn child(mut self, name: &str, birth_date: &str) -> Self {
        let date = NaiveDate::parse_from_str(birth_date, "%Y-%m-%d").expect("birth date");
        self.children.push((name.to_string(), date, String::new()));
        self
    }

    /// Also a 提供会員 (両方会員); her supporter row is not written (use `SupporterBuilder` for that).
    pub fn also_helps(mut self) -> Self {
        self.also_helps = true;
        self
    }

    pub fn insert(self, app: &TestApp) -> TestFamily {
        let member = self.member.area(&self.area).insert(app);
        let mut conn = app.pool.get().expect("connection");
        let membership = if self.also_helps {
            Membership::Both
        } else {
            Membership::Asks
        };
        SupportMember::save(&mut conn, member.id, membership, "090-1111-2222", "柏市柏1-1-1").expect("support member");
        let children = self
            .children
            .iter()
            .map(|(name, born, notes)| FamilyChild::add(&mut conn, member.id, name, *born, notes).expect("child"))
            .collect();
        TestFamily { member, children }
    }
}

pub struct SupporterBuilder {
    member: MemberBuilder,
    home: String,
    areas: Vec<String>,
    skills: Skills,
    monthly_limit: u32,
    active: bool,
    vetted: bool,
    weekly: Option<Vec<(Weekday, Band)>>,
}

impl SupporterBuilder {
    /// An active 提供会員 living in 柏中央 and covering it, vetted (講習 2026-01-10, 面談, insured
    /// 2026-04-01 to 2030-03-31), every skill, 8 a month, available every day 0:00–24:00.
    pub fn new(nickname: &str) -> Self {
        SupporterBuilder {
            member: MemberBuilder::new(nickname).role(Role::Supporter),
            home: "柏中央".into(),
            areas: vec!["柏中央".into()],
            skills: Skill::ALL.into_iter().collect(),
            monthly_limit: 8,
            active: true,
            vetted: true,
            weekly: None,
        }
    }

    pub fn carrier(mut self, carrier: Carrier) -> Self {
        self.member = self.member.carrier(carrier);
        self
    }

    pub fn email(mut self, email: &str) -> Self {
        self.member = self.member.email(email);
        self
    }

    pub fn real_name(mut self, real_name: &str) -> Self {
        self.member = self.member.real_name(real_name);
        self
    }

    /// Where she lives (distances count from there).
    pub fn home(mut self, area: &str) -> Self {
        self.home = area.to_string();
        self
    }

    /// The areas she covers.
    pub fn areas(mut self, areas: &[&str]) -> Self {
        self.areas = areas.iter().map(|a| a.to_string()).collect();
        self
    }

    pub fn skills(mut self, skills: &[Skill]) -> Self {
        self.skills = skills.iter().copied().collect();
        self
    }

    pub fn monthly_limit(mut self, limit: u32) -> Self {
        self.monthly_limit = limit;
        self
    }

    /// Paused (休止中).
    pub fn paused(mut self) -> Self {
        self.active = false;
        self
    }

    /// Not vetted yet: no 講習, no 面談, no insurance.
    pub fn unvetted(mut self) -> Self {
        self.vetted = false;
        self
    }

    /// Her weekly bands instead of every day all day: (weekday, "09:00", "17:00").
    pub fn weekly(mut self, bands: &[(Weekday, &str, &str)]) -> Self {
        self.weekly = Some(
            bands
                .iter()
                .map(|(day, from, until)| (*day, Band::parse(from, until).expect("band")))
                .collect(),
        );
        self
    }

    pub fn insert(self, app: &TestApp) -> TestMember {
        let member = self.member.area(&self.home).insert(app);
        let mut conn = app.pool.get().expect("connection");
        SupportMember::save(
            &mut conn,
            member.id,
            Membership::Helps,
            "080-3333-4444",
            "柏市豊四季2-2-2",
        )
        .expect("support member");
        let areas: Vec<AreaId> = self.areas.iter().map(|a| AreaId(area_id(app, a))).collect();
        let offering = Offering {
            home_area: AreaId(area_id(app, &self.home)),
            areas: &areas,
            skills: self.skills,
            monthly_limit: self.monthly_limit,
            active: self.active,
        };
        Supporter::save_offering(&mut conn, member.id, &offering).expect("offering");
        if self.vetted {
            vet(&mut conn, member.id);
        }
        let all_day = Band::parse("00:00", "24:00").expect("band");
        let weekly = self.weekly.unwrap_or_else(|| {
            [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ]
            .into_iter()
            .map(|d| (d, all_day))
            .collect()
        });
        Supporter::save_weekly(&mut conn, member.id, &weekly).expect("weekly");
        member
    }
}

/// The vetting every built supporter has: 講習, 面談 and insurance covering the tests' dates.
fn vet(conn: &mut DbConnection, member_id: i64) {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let record = VettingRecord {
        course_completed_on: Some(day("2026-01-10")),
        interviewed_on: Some(day("2026-01-20")),
        insurance: Some(InsurancePeriod::new(day("2026-04-01"), day("2030-03-31")).expect("period")),
        note: "",
    };
    Supporter::save_vetting(conn, member_id, &record).expect("vetting");
}

/// A request matched by a test without offers: what the after-match pages need.
#[derive(Debug, Clone)]
pub struct MatchedRequest {
    pub id: i64,
    /// The 受け渡しコード.
    pub code: String,
    pub supporter_token: String,
    pub family_token: String,
}

/// Asks あずかり at the family's home for all her children in `slot` (not urgent) and matches
/// `supporter` to it (`Progress::win`, as an acceptance does).
pub fn matched_request(app: &TestApp, family: &TestFamily, supporter: &TestMember, slot: Slot) -> MatchedRequest {
    let mut conn = app.pool.get().expect("connection");
    let children: Vec<RequestChild> = family
        .children
        .iter()
        .map(|&child_id| RequestChild {
            child_id,
            after_illness: false,
        })
        .collect();
    let id = SupportRequest::insert(
        &mut conn,
        &NewRequest {
            family: FamilyId(family.member.id),
            area: AreaId(area_id(app, "柏中央")),
            kind: Kind::Care {
                at: CarePlace::FamilyHome,
            },
            from_place: "",
            to_place: "",
            slot,
            urgent: false,
            note: "",
            children: &children,
        },
    )
    .expect("request");
    assert!(Progress::win(&mut conn, id, SupporterId(supporter.id), None).expect("win"));
    let progress = SupportRequest::find(&mut conn, id)
        .expect("find")
        .expect("request")
        .progress;
    MatchedRequest {
        id,
        code: progress.handover_code.expect("code"),
        supporter_token: progress.supporter_token,
        family_token: progress.family_token,
    }
}
