//! The database schema, portable across SQLite and PostgreSQL.

diesel::table! {
    notices (id) {
        id -> BigInt,
        title -> Text,
        body -> Text,
        published_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    areas (id) {
        id -> BigInt,
        name -> Text,
        position -> Integer,
    }
}

diesel::table! {
    members (id) {
        id -> BigInt,
        nickname -> Text,
        real_name -> Text,
        area_id -> Nullable<BigInt>,
        password_hash -> Text,
        status -> Text,
        created_at -> Timestamp,
        approved_at -> Nullable<Timestamp>,
        approved_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    member_roles (member_id, role) {
        member_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    mail_addresses (id) {
        id -> BigInt,
        member_id -> BigInt,
        address -> Text,
        carrier -> Text,
        is_primary -> Bool,
        verified_at -> Nullable<Timestamp>,
        health -> Text,
        health_changed_at -> Nullable<Timestamp>,
        confirm_token_hash -> Nullable<Text>,
        confirm_expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        member_id -> Nullable<BigInt>,
        profile -> Text,
        csrf_token -> Text,
        assurance -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        scope -> Text,
        target -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    login_locks (scope, target) {
        scope -> Text,
        target -> Text,
        locked_until -> Timestamp,
    }
}

diesel::table! {
    subscriber_ids (id) {
        id -> BigInt,
        member_id -> BigInt,
        carrier -> Text,
        uid_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        created_at -> Timestamp,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::joinable!(members -> areas (area_id));
diesel::joinable!(member_roles -> members (member_id));
diesel::joinable!(mail_addresses -> members (member_id));
diesel::joinable!(sessions -> members (member_id));
diesel::joinable!(subscriber_ids -> members (member_id));

diesel::allow_tables_to_appear_in_same_query!(
    notices,
    areas,
    members,
    member_roles,
    mail_addresses,
    sessions,
    login_failures,
    login_locks,
    subscriber_ids,
    outbox,
);
