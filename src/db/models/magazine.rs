//! The area mail magazine: members' choices of areas and topics, and the notices coordinators send.

use crate::db::schema::{magazine_areas, magazine_targets, magazine_topics, magazines, mail_addresses, members};
use crate::db::{now, DbConnection};
use crate::domain::role::MemberStatus;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// What a notice is about; members choose the topics they want.
pub const TOPICS: [(&str, &str); 5] = [
    ("general", "地域のお知らせ"),
    ("events", "イベント・講座"),
    ("health", "健診・予防接種"),
    ("facilities", "施設のお知らせ"),
    ("safety", "防犯・防災"),
];

pub fn topic_label(key: &str) -> Option<&'static str> {
    TOPICS.iter().find(|(k, _)| *k == key).map(|(_, label)| *label)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = magazines)]
pub struct Magazine {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub topic: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub recipients: i32,
}

/// A member's choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscription {
    pub area_ids: Vec<i64>,
    pub topics: Vec<String>,
}

/// The topic every new member receives for her own area until she changes it.
pub const DEFAULT_TOPIC: &str = "general";

impl Subscription {
    /// A new member's choice: her own area's general notices (nothing without an area).
    pub fn defaults(area_id: Option<i64>) -> Subscription {
        match area_id {
            Some(area) => Subscription {
                area_ids: vec![area],
                topics: vec![DEFAULT_TOPIC.to_string()],
            },
            None => Subscription::default(),
        }
    }

    pub fn of(conn: &mut DbConnection, member_id: i64) -> QueryResult<Subscription> {
        Ok(Subscription {
            area_ids: magazine_areas::table
                .filter(magazine_areas::member_id.eq(member_id))
                .select(magazine_areas::area_id)
                .load(conn)?,
            topics: magazine_topics::table
                .filter(magazine_topics::member_id.eq(member_id))
                .select(magazine_topics::topic)
                .load(conn)?,
        })
    }

    /// Replaces the member's choices; call in a transaction.
    pub fn save(&self, conn: &mut DbConnection, member_id: i64) -> QueryResult<()> {
        diesel::delete(magazine_areas::table.filter(magazine_areas::member_id.eq(member_id))).execute(conn)?;
        diesel::delete(magazine_topics::table.filter(magazine_topics::member_id.eq(member_id))).execute(conn)?;
        for area in &self.area_ids {
            diesel::insert_into(magazine_areas::table)
                .values((
                    magazine_areas::member_id.eq(member_id),
                    magazine_areas::area_id.eq(area),
                ))
                .execute(conn)?;
        }
        for topic in &self.topics {
            diesel::insert_into(magazine_topics::table)
                .values((
                    magazine_topics::member_id.eq(member_id),
                    magazine_topics::topic.eq(topic),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}

impl Magazine {
    pub fn create(
        conn: &mut DbConnection,
        by: i64,
        title: &str,
        body: &str,
        topic: &str,
        area_ids: &[i64],
    ) -> QueryResult<i64> {
        let id = diesel::insert_into(magazines::table)
            .values((
                magazines::title.eq(title),
                magazines::body.eq(body),
                magazines::topic.eq(topic),
                magazines::created_by.eq(by),
                magazines::created_at.eq(now()),
            ))
            .returning(magazines::id)
            .get_result(conn)?;
        for area in area_ids {
            diesel::insert_into(magazine_targets::table)
                .values((magazine_targets::magazine_id.eq(id), magazine_targets::area_id.eq(area)))
                .execute(conn)?;
        }
        Ok(id)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Magazine>> {
        magazines::table
            .find(id)
            .select(Magazine::as_select())
            .first(conn)
            .optional()
    }

    pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Magazine>> {
        magazines::table
            .order(magazines::id.desc())
            .limit(limit)
            .select(Magazine::as_select())
            .load(conn)
    }

    pub fn areas(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<i64>> {
        magazine_targets::table
            .filter(magazine_targets::magazine_id.eq(id))
            .select(magazine_targets::area_id)
            .load(conn)
    }

    /// The addresses it goes to: approved members who chose its topic and one of its areas, at
    /// their primary verified address unless mail to it bounced as unknown.
    /// (member id, address) of each, one per address.
    pub fn recipients(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<(i64, String)>> {
        let Some(magazine) = Magazine::find(conn, id)? else {
            return Ok(Vec::new());
        };
        let areas = Magazine::areas(conn, id)?;
        let in_areas = magazine_areas::table
            .filter(magazine_areas::area_id.eq_any(areas))
            .select(magazine_areas::member_id);
        let on_topic = magazine_topics::table
            .filter(magazine_topics::topic.eq(magazine.topic))
            .select(magazine_topics::member_id);
        let mut addresses: Vec<(i64, String)> = mail_addresses::table
            .inner_join(members::table)
            .filter(members::status.eq(MemberStatus::Approved.as_str()))
            .filter(members::id.eq_any(in_areas))
            .filter(members::id.eq_any(on_topic))
            .filter(mail_addresses::is_primary.eq(true))
            .filter(mail_addresses::verified_at.is_not_null())
            .filter(mail_addresses::health.ne("unknown_user"))
            .select((members::id, mail_addresses::address))
            .load(conn)?;
        addresses.sort_by(|a, b| a.1.cmp(&b.1));
        addresses.dedup_by(|a, b| a.1 == b.1);
        Ok(addresses)
    }

    /// Stops every notice to a member (her one-click unsubscribe): no area, no topic.
    pub fn unsubscribe(conn: &mut DbConnection, member_id: i64) -> QueryResult<()> {
        Subscription::default().save(conn, member_id)
    }

    /// Marks it sent with its recipient count, unless it was sent already (false then).
    pub fn mark_sent(conn: &mut DbConnection, id: i64, recipients: usize) -> QueryResult<bool> {
        diesel::update(magazines::table.find(id))
            .filter(magazines::sent_at.is_null())
            .set((
                magazines::sent_at.eq(now()),
                magazines::recipients.eq(i32::try_from(recipients).unwrap_or(i32::MAX)),
            ))
            .execute(conn)
            .map(|n| n == 1)
    }
}
