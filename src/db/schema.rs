//! The database schema, portable across SQLite and PostgreSQL.

diesel::table! {
    account_mails (id) {
        id -> BigInt,
        address -> Text,
        channel -> Text,
        created_at -> Timestamp,
    }
}

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
        posting_token -> Nullable<Text>,
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
        carrier -> Text,
        expires_at -> Nullable<Timestamp>,
        claimed_at -> Nullable<Timestamp>,
        priority -> Integer,
        lease_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox_relay_waits (outbox_id) {
        outbox_id -> BigInt,
        since -> Timestamp,
    }
}

diesel::table! {
    outbox_unsubscribe (outbox_id) {
        outbox_id -> BigInt,
        url -> Text,
    }
}

diesel::table! {
    outbox_reply_to (outbox_id) {
        outbox_id -> BigInt,
        address -> Text,
    }
}

diesel::table! {
    inbound_mails (id) {
        id -> BigInt,
        message_key -> Text,
        recipient -> Text,
        envelope_sender -> Nullable<Text>,
        message_id -> BigInt,
        received_at -> Timestamp,
        status -> Text,
        outcome -> Nullable<Text>,
        processed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    inbound_messages (id) {
        id -> BigInt,
        raw -> Binary,
        received_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> BigInt,
        kind -> Text,
        target_id -> Nullable<BigInt>,
        status -> Text,
        attempts -> Integer,
        run_at -> Timestamp,
        claimed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    threads (id) {
        id -> BigInt,
        place -> Text,
        community_id -> Nullable<BigInt>,
        member_id -> BigInt,
        title -> Text,
        body -> Text,
        category -> Nullable<Text>,
        area_id -> Nullable<BigInt>,
        channel -> Text,
        inbound_mail_id -> Nullable<BigInt>,
        profile -> Text,
        created_at -> Timestamp,
        hidden_at -> Nullable<Timestamp>,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<BigInt>,
        school_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    legacy_topics (topic_id) {
        topic_id -> BigInt,
        thread_id -> BigInt,
    }
}

diesel::table! {
    thread_comments (id) {
        id -> BigInt,
        thread_id -> BigInt,
        member_id -> BigInt,
        body -> Text,
        profile -> Text,
        created_at -> Timestamp,
        hidden_at -> Nullable<Timestamp>,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    thread_reports (id) {
        id -> BigInt,
        thread_id -> BigInt,
        member_id -> BigInt,
        reason -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    moderation_log (id) {
        id -> BigInt,
        member_id -> BigInt,
        place -> Text,
        community_id -> Nullable<BigInt>,
        thread_id -> Nullable<BigInt>,
        comment_id -> Nullable<BigInt>,
        action -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    photos (id) {
        id -> BigInt,
        member_id -> BigInt,
        thread_id -> Nullable<BigInt>,
        position -> Integer,
        format -> Text,
        width -> Integer,
        height -> Integer,
        bytes -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    photo_renditions (photo_id, max_width, format) {
        photo_id -> BigInt,
        max_width -> Integer,
        format -> Text,
        width -> Integer,
        height -> Integer,
        bytes -> Binary,
    }
}

diesel::table! {
    mail_bounces (id) {
        id -> BigInt,
        outbox_id -> Nullable<BigInt>,
        address -> Text,
        carrier -> Text,
        status -> Nullable<Text>,
        kind -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    password_resets (id) {
        id -> BigInt,
        member_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    registration_invites (id) {
        id -> BigInt,
        token_hash -> Text,
        address -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    schools (id) {
        id -> BigInt,
        name -> Text,
        arrival_until -> Integer,
        late_after -> Integer,
        hours_from -> Integer,
        hours_until -> Integer,
        offline_after_minutes -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    school_staff (school_id, member_id) {
        school_id -> BigInt,
        member_id -> BigInt,
    }
}

diesel::table! {
    readers (id) {
        id -> BigInt,
        school_id -> BigInt,
        name -> Text,
        kind -> Text,
        secret -> Text,
        health -> Text,
        last_seen_at -> Nullable<Timestamp>,
        battery -> Nullable<Integer>,
        firmware -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reader_requests (reader_id, signature) {
        reader_id -> BigInt,
        signature -> Text,
        seen_at -> Timestamp,
    }
}

diesel::table! {
    children (id) {
        id -> BigInt,
        school_id -> BigInt,
        code -> Text,
        name -> Text,
        short_name -> Text,
        grade -> Integer,
        class_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tag_assignments (id) {
        id -> BigInt,
        tag -> Text,
        child_id -> BigInt,
        assigned_at -> Timestamp,
        released_at -> Nullable<Timestamp>,
        release_reason -> Nullable<Text>,
    }
}

diesel::table! {
    watch_recipients (id) {
        id -> BigInt,
        child_id -> BigInt,
        address -> Text,
        label -> Text,
        quiet_from -> Nullable<Integer>,
        quiet_until -> Nullable<Integer>,
        all_readers -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    watch_recipient_readers (recipient_id, reader_id) {
        recipient_id -> BigInt,
        reader_id -> BigInt,
    }
}

diesel::table! {
    passes (id) {
        id -> BigInt,
        child_id -> BigInt,
        reader_id -> BigInt,
        first_read_at -> Timestamp,
        last_read_at -> Timestamp,
        direction -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reader_events (id) {
        id -> BigInt,
        reader_id -> BigInt,
        seq -> BigInt,
        tag -> Text,
        read_at -> Timestamp,
        direction -> Nullable<Text>,
        kind -> Text,
        child_id -> Nullable<BigInt>,
        pass_id -> Nullable<BigInt>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    emergency_contacts (id) {
        id -> BigInt,
        school_id -> BigInt,
        name -> Text,
        address -> Text,
    }
}

diesel::table! {
    watch_audit (id) {
        id -> BigInt,
        member_id -> BigInt,
        child_id -> Nullable<BigInt>,
        action -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    page_view_counts (id) {
        id -> BigInt,
        day -> Date,
        profile -> Text,
        views -> BigInt,
    }
}

diesel::table! {
    member_days (day, member_id) {
        day -> Date,
        member_id -> BigInt,
    }
}

diesel::table! {
    magazine_areas (member_id, area_id) {
        member_id -> BigInt,
        area_id -> BigInt,
    }
}

diesel::table! {
    magazine_topics (member_id, topic) {
        member_id -> BigInt,
        topic -> Text,
    }
}

diesel::table! {
    magazines (id) {
        id -> BigInt,
        title -> Text,
        body -> Text,
        topic -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        recipients -> Integer,
    }
}

diesel::table! {
    magazine_targets (magazine_id, area_id) {
        magazine_id -> BigInt,
        area_id -> BigInt,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        title -> Text,
        body -> Text,
        held_on -> Date,
        start_time -> Nullable<Text>,
        end_time -> Nullable<Text>,
        place -> Text,
        area_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    facilities (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        address -> Text,
        area_id -> Nullable<BigInt>,
        phone -> Text,
        hours -> Text,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    facility_staff (facility_id, member_id) {
        facility_id -> BigInt,
        member_id -> BigInt,
    }
}

diesel::table! {
    care_slots (id) {
        id -> BigInt,
        facility_id -> BigInt,
        day -> Date,
        period -> Text,
        capacity -> Integer,
        remaining -> Integer,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    communities (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        area_id -> Nullable<BigInt>,
        created_by -> BigInt,
        status -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        decision_reason -> Nullable<Text>,
        created_at -> Timestamp,
        last_active_at -> Timestamp,
    }
}

diesel::table! {
    community_posting_tokens (community_id, member_id) {
        community_id -> BigInt,
        member_id -> BigInt,
        token -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    community_members (id) {
        id -> BigInt,
        community_id -> BigInt,
        member_id -> BigInt,
        role -> Text,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    notebook_schools (school_id) {
        school_id -> BigInt,
        approve_joins -> Bool,
        absence_reasons -> Text,
        nudge_at -> Nullable<Integer>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notebook_teacher_classes (school_id, member_id, grade, class_name) {
        school_id -> BigInt,
        member_id -> BigInt,
        grade -> Integer,
        class_name -> Text,
    }
}

diesel::table! {
    notebook_child_codes (child_id) {
        child_id -> BigInt,
        code -> Text,
        issued_at -> Timestamp,
    }
}

diesel::table! {
    notebook_families (id) {
        id -> BigInt,
        mail_token -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notebook_family_children (child_id) {
        child_id -> BigInt,
        family_id -> BigInt,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    notebook_guardians (member_id) {
        member_id -> BigInt,
        family_id -> BigInt,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    notebook_joins (id) {
        id -> BigInt,
        member_id -> BigInt,
        child_id -> BigInt,
        status -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    notebook_messages (thread_id) {
        thread_id -> BigInt,
        school_id -> BigInt,
        kind -> Text,
        audience -> Text,
        answers -> Text,
        answer_until -> Nullable<Timestamp>,
        send_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        school_year -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notebook_targets (id) {
        id -> BigInt,
        thread_id -> BigInt,
        grade -> Nullable<Integer>,
        class_name -> Nullable<Text>,
        family_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    notebook_questions (thread_id, position) {
        thread_id -> BigInt,
        position -> Integer,
        text -> Text,
        choices -> Text,
    }
}

diesel::table! {
    notebook_attachments (id) {
        id -> BigInt,
        thread_id -> BigInt,
        position -> Integer,
        name -> Text,
        content_type -> Text,
        size -> Integer,
        bytes -> Binary,
        keitai_text -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notebook_recipients (id) {
        id -> BigInt,
        thread_id -> BigInt,
        member_id -> BigInt,
        token -> Text,
        address -> Nullable<Text>,
        notice_outbox_id -> Nullable<BigInt>,
        read_at -> Nullable<Timestamp>,
        read_via -> Nullable<Text>,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notebook_recipient_children (recipient_id, child_id) {
        recipient_id -> BigInt,
        child_id -> BigInt,
    }
}

diesel::table! {
    notebook_answers (recipient_id) {
        recipient_id -> BigInt,
        choices -> Text,
        channel -> Text,
        times -> Integer,
        answered_at -> Timestamp,
    }
}

diesel::table! {
    notebook_absences (id) {
        id -> BigInt,
        child_id -> BigInt,
        member_id -> Nullable<BigInt>,
        day -> Date,
        kind -> Text,
        reason -> Text,
        note -> Text,
        channel -> Text,
        inbound_mail_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        confirmed_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    notebook_contacted (child_id, day) {
        child_id -> BigInt,
        day -> Date,
        member_id -> Nullable<BigInt>,
        at -> Timestamp,
    }
}

diesel::table! {
    notebook_nudges (school_id, day) {
        school_id -> BigInt,
        day -> Date,
        queued_at -> Timestamp,
    }
}

diesel::table! {
    home_boards (id) {
        id -> BigInt,
        family_id -> BigInt,
        token_hash -> Text,
        name -> Text,
        paired_by -> Nullable<BigInt>,
        paired_at -> Timestamp,
        last_seen_at -> Nullable<Timestamp>,
        unpaired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    home_pairing_codes (family_id) {
        family_id -> BigInt,
        code -> Text,
        created_by -> Nullable<BigInt>,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    home_notes (id) {
        id -> BigInt,
        family_id -> BigInt,
        kind -> Text,
        member_id -> Nullable<BigInt>,
        child_id -> Nullable<BigInt>,
        body -> Text,
        created_at -> Timestamp,
        reply_to -> Nullable<BigInt>,
    }
}

diesel::table! {
    home_tadaima (child_id) {
        child_id -> BigInt,
        last_at -> Timestamp,
    }
}

diesel::joinable!(password_resets -> members (member_id));
diesel::joinable!(inbound_mails -> inbound_messages (message_id));
diesel::joinable!(members -> areas (area_id));
diesel::joinable!(member_roles -> members (member_id));
diesel::joinable!(mail_addresses -> members (member_id));
diesel::joinable!(sessions -> members (member_id));
diesel::joinable!(subscriber_ids -> members (member_id));
diesel::joinable!(threads -> members (member_id));
diesel::joinable!(threads -> areas (area_id));
diesel::joinable!(threads -> communities (community_id));
diesel::joinable!(legacy_topics -> threads (thread_id));
diesel::joinable!(thread_comments -> threads (thread_id));
diesel::joinable!(thread_comments -> members (member_id));
diesel::joinable!(thread_reports -> threads (thread_id));
diesel::joinable!(photos -> threads (thread_id));
diesel::joinable!(photo_renditions -> photos (photo_id));
diesel::joinable!(mail_bounces -> outbox (outbox_id));
diesel::joinable!(outbox_reply_to -> outbox (outbox_id));
diesel::joinable!(outbox_relay_waits -> outbox (outbox_id));
diesel::joinable!(outbox_unsubscribe -> outbox (outbox_id));
diesel::joinable!(school_staff -> schools (school_id));
diesel::joinable!(school_staff -> members (member_id));
diesel::joinable!(readers -> schools (school_id));
diesel::joinable!(children -> schools (school_id));
diesel::joinable!(tag_assignments -> children (child_id));
diesel::joinable!(watch_recipients -> children (child_id));
diesel::joinable!(passes -> children (child_id));
diesel::joinable!(passes -> readers (reader_id));
diesel::joinable!(reader_events -> readers (reader_id));
diesel::joinable!(emergency_contacts -> schools (school_id));
diesel::joinable!(watch_audit -> members (member_id));
diesel::joinable!(magazine_areas -> members (member_id));
diesel::joinable!(magazine_topics -> members (member_id));
diesel::joinable!(events -> areas (area_id));
diesel::joinable!(facilities -> areas (area_id));
diesel::joinable!(facility_staff -> facilities (facility_id));
diesel::joinable!(facility_staff -> members (member_id));
diesel::joinable!(care_slots -> facilities (facility_id));
diesel::joinable!(watch_audit -> children (child_id));
diesel::joinable!(communities -> areas (area_id));
diesel::joinable!(community_members -> communities (community_id));
diesel::joinable!(community_posting_tokens -> communities (community_id));
diesel::joinable!(community_posting_tokens -> members (member_id));
diesel::joinable!(community_members -> members (member_id));

diesel::table! {
    support_members (member_id) {
        member_id -> BigInt,
        asks -> Bool,
        helps -> Bool,
        phone -> Text,
        address -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    supporters (member_id) {
        member_id -> BigInt,
        home_area_id -> BigInt,
        skills -> Integer,
        monthly_limit -> Integer,
        active -> Bool,
        course_completed_on -> Nullable<Date>,
        interviewed_on -> Nullable<Date>,
        insurance_from -> Nullable<Date>,
        insurance_until -> Nullable<Date>,
        vetting_note -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    supporter_areas (member_id, area_id) {
        member_id -> BigInt,
        area_id -> BigInt,
    }
}

diesel::table! {
    supporter_weekly (id) {
        id -> BigInt,
        member_id -> BigInt,
        weekday -> Integer,
        from_minute -> Integer,
        until_minute -> Integer,
    }
}

diesel::table! {
    supporter_days (id) {
        id -> BigInt,
        member_id -> BigInt,
        day -> Date,
        from_minute -> Nullable<Integer>,
        until_minute -> Nullable<Integer>,
    }
}

diesel::table! {
    family_children (id) {
        id -> BigInt,
        member_id -> BigInt,
        name -> Text,
        birth_date -> Date,
        notes -> Text,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    pre_meetings (family_id, supporter_id) {
        family_id -> BigInt,
        supporter_id -> BigInt,
        met_on -> Date,
        recorded_by -> Nullable<BigInt>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    area_distances (area_a, area_b) {
        area_a -> BigInt,
        area_b -> BigInt,
        km -> Double,
    }
}

diesel::table! {
    support_requests (id) {
        id -> BigInt,
        family_id -> BigInt,
        kind -> Text,
        area_id -> BigInt,
        from_area_id -> Nullable<BigInt>,
        to_area_id -> Nullable<BigInt>,
        from_place -> Text,
        to_place -> Text,
        by_car -> Bool,
        care_place -> Nullable<Text>,
        day -> Date,
        start_minute -> Integer,
        end_minute -> Integer,
        urgent -> Bool,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    support_progress (request_id) {
        request_id -> BigInt,
        status -> Text,
        wave -> Integer,
        wave_deadline -> Nullable<Timestamp>,
        supporter_id -> Nullable<BigInt>,
        matched_at -> Nullable<Timestamp>,
        matched_by -> Nullable<BigInt>,
        handover_code -> Nullable<Text>,
        handover_attempts -> Integer,
        handed_over_at -> Nullable<Timestamp>,
        supporter_token -> Text,
        family_token -> Text,
        cancelled_at -> Nullable<Timestamp>,
        cancelled_by -> Nullable<BigInt>,
        cancel_reason -> Nullable<Text>,
        cancel_fee -> Nullable<Integer>,
    }
}

diesel::table! {
    support_request_children (request_id, child_id) {
        request_id -> BigInt,
        child_id -> BigInt,
        after_illness -> Bool,
    }
}

diesel::table! {
    support_offers (id) {
        id -> BigInt,
        request_id -> BigInt,
        supporter_id -> BigInt,
        wave -> Integer,
        position -> Integer,
        score -> Integer,
        reason -> Text,
        met_family -> Bool,
        token -> Text,
        status -> Text,
        sent_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
        channel -> Nullable<Text>,
    }
}

diesel::table! {
    support_reports (request_id) {
        request_id -> BigInt,
        start_minute -> Integer,
        end_minute -> Integer,
        transport_yen -> Integer,
        note -> Text,
        fee_yen -> Integer,
        fee_detail -> Text,
        reported_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        disputed_at -> Nullable<Timestamp>,
        dispute_note -> Text,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    support_log (id) {
        id -> BigInt,
        request_id -> Nullable<BigInt>,
        member_id -> Nullable<BigInt>,
        action -> Text,
        detail -> Text,
        at -> Timestamp,
    }
}

diesel::joinable!(support_members -> members (member_id));
diesel::joinable!(supporters -> support_members (member_id));
diesel::joinable!(supporters -> areas (home_area_id));
diesel::joinable!(supporter_areas -> supporters (member_id));
diesel::joinable!(supporter_weekly -> supporters (member_id));
diesel::joinable!(supporter_days -> supporters (member_id));
diesel::joinable!(family_children -> support_members (member_id));
diesel::joinable!(support_request_children -> support_requests (request_id));
diesel::joinable!(support_request_children -> family_children (child_id));
diesel::joinable!(support_offers -> support_requests (request_id));
diesel::joinable!(support_offers -> supporters (supporter_id));
diesel::joinable!(support_reports -> support_requests (request_id));
diesel::joinable!(support_requests -> support_members (family_id));
diesel::joinable!(support_log -> members (member_id));
diesel::joinable!(support_progress -> support_requests (request_id));
diesel::joinable!(support_progress -> supporters (supporter_id));

diesel::joinable!(threads -> schools (school_id));
diesel::joinable!(notebook_family_children -> notebook_families (family_id));
diesel::joinable!(notebook_family_children -> children (child_id));
diesel::joinable!(notebook_guardians -> notebook_families (family_id));
diesel::joinable!(notebook_guardians -> members (member_id));
diesel::joinable!(notebook_joins -> children (child_id));
diesel::joinable!(notebook_child_codes -> children (child_id));
diesel::joinable!(notebook_messages -> threads (thread_id));
diesel::joinable!(notebook_targets -> notebook_messages (thread_id));
diesel::joinable!(notebook_questions -> notebook_messages (thread_id));
diesel::joinable!(notebook_recipients -> notebook_messages (thread_id));
diesel::joinable!(notebook_recipients -> members (member_id));
diesel::joinable!(notebook_recipient_children -> notebook_recipients (recipient_id));
diesel::joinable!(notebook_recipient_children -> children (child_id));
diesel::joinable!(notebook_answers -> notebook_recipients (recipient_id));
diesel::joinable!(notebook_absences -> children (child_id));
diesel::joinable!(home_boards -> notebook_families (family_id));
diesel::joinable!(home_notes -> notebook_families (family_id));

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    account_mails,
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
    outbox_relay_waits,
    outbox_reply_to,
    outbox_unsubscribe,
    inbound_mails,
    inbound_messages,
    jobs,
    threads,
    legacy_topics,
    thread_comments,
    thread_reports,
    moderation_log,
    photos,
    photo_renditions,
    mail_bounces,
    password_resets,
    registration_invites,
    schools,
    school_staff,
    readers,
    reader_requests,
    children,
    tag_assignments,
    watch_recipients,
    watch_recipient_readers,
    passes,
    reader_events,
    emergency_contacts,
    watch_audit,
    page_view_counts,
    member_days,
    magazine_areas,
    magazine_topics,
    magazines,
    magazine_targets,
    events,
    facilities,
    facility_staff,
    care_slots,
    communities,
    community_members,
    community_posting_tokens,
    support_members,
    supporters,
    supporter_areas,
    supporter_weekly,
    supporter_days,
    family_children,
    pre_meetings,
    area_distances,
    support_requests,
    support_progress,
    support_request_children,
    support_offers,
    support_reports,
    support_log,
    notebook_schools,
    notebook_teacher_classes,
    notebook_child_codes,
    notebook_families,
    notebook_family_children,
    notebook_guardians,
    notebook_joins,
    notebook_messages,
    notebook_targets,
    notebook_questions,
    notebook_attachments,
    notebook_recipients,
    notebook_recipient_children,
    notebook_answers,
    notebook_absences,
    notebook_contacted,
    notebook_nudges,
    home_boards,
    home_pairing_codes,
    home_notes,
    home_tadaima,
    server_secrets,
);

diesel::table! {
    notebook_join_failures (id) {
        id -> BigInt,
        scope -> Text,
        target -> Text,
        failed_at -> Timestamp,
    }
}
