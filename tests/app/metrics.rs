//! `/metrics`: Prometheus text for the addresses allowed, the ordinary 404 for everyone else.

use crate::helpers::{spawn_with, ua};

db_test! {
    fn metrics_count_requests_by_route_and_profile_and_show_the_queue_and_readers(backend: Backend) {
        let app = spawn_with(backend, |s| {
            s.metrics_allow = hiroba::keitai::client_addr::TrustedProxies::parse_list("10.9.8.7").expect("list");
        });
        assert_eq!(app.get("/events", ua::DOCOMO_FOMA_1).status, 200);
        assert_eq!(app.get("/events", ua::DOCOMO_FOMA_1).status, 200);
        {
            use hiroba::db::models::outbox::{MailKind, OutboxMail};
            let mut conn = app.pool.get().expect("connection");
            for _ in 0..3 {
                OutboxMail::queue(&mut conn, MailKind::WatchPass, "mama@docomo.ne.jp", "[見守り]", "本文").expect("queue");
            }
        }

        // The test app trusts 127.0.0.1 as its proxy: the client is the forwarded address.
        let refused = app.get_with("/metrics", &[("User-Agent", "Prometheus/2.53"), ("X-Forwarded-For", "192.0.2.1")]);
        assert_eq!(refused.status, 404);
        assert!(!refused.text().contains("hiroba_"), "nothing of the metrics leaks");

        let scraped = app.get_with("/metrics", &[("User-Agent", "Prometheus/2.53"), ("X-Forwarded-For", "10.9.8.7")]);
        assert!(scraped.header("content-type").unwrap_or_default().starts_with("text/plain; version=0.0.4"));
        let text = scrape(&app);
        assert!(
            text.contains("hiroba_http_requests_total{route=\"/events\",profile=\"docomo\",status=\"2xx\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("route=\"/metrics\""), "the refused scrape is counted too: {text}");
        // No worker runs in tests: the three alerts wait. The demo's readers never reported.
        assert!(text.contains("hiroba_outbox_depth{kind=\"watch_pass\",state=\"pending\"} 3\n"), "{text}");
        assert!(text.contains("hiroba_reader_up{reader=\""), "{text}");
        assert!(text.contains("hiroba_alert_delay_last_hour_seconds{le=\"+Inf\"}"), "{text}");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().expect("value");
            assert!(value.parse::<f64>().is_ok(), "not a sample: {line}");
        }

        // Once sent, the three alerts show as sent to docomo and in the delay buckets.
        app.run_jobs();
        let after = scrape(&app);
        assert!(!after.contains("kind=\"watch_pass\",state=\"pending\""), "{after}");
        let sent = "hiroba_mails_last_hour{carrier=\"docomo\",state=\"sent\"}";
        let alerts = "hiroba_alert_delay_last_hour_seconds{le=\"+Inf\"}";
        assert_eq!(sample(&after, sent) - sample(&text, sent), 3.0, "{after}");
        assert_eq!(sample(&after, alerts) - sample(&text, alerts), 3.0, "{after}");
    }
}

fn scrape(app: &crate::helpers::TestApp) -> String {
    let response = app.get_with(
        "/metrics",
        &[("User-Agent", "Prometheus/2.53"), ("X-Forwarded-For", "10.9.8.7")],
    );
    assert_eq!(response.status, 200);
    response.text()
}

/// The value of the sample `series` (name and labels), 0 when the scrape has none.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series).and_then(|rest| rest.trim().parse().ok()))
        .unwrap_or(0.0)
}

db_test! {
    fn metrics_are_off_by_default(backend: Backend) {
        let app = crate::helpers::spawn_on(backend);
        let response = app.get_with("/metrics", &[("User-Agent", "Prometheus/2.53")]);
        assert_eq!(response.status, 404);
    }
}
