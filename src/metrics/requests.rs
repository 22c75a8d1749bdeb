//! Requests this server answered, by route pattern, device profile and status class.

use super::Exposition;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// (route pattern, profile id, status class such as "2xx").
type Key = (String, String, &'static str);

#[derive(Debug, Default)]
pub struct RequestCounts {
    counts: Mutex<BTreeMap<Key, u64>>,
}

impl RequestCounts {
    pub fn record(&self, route: &str, profile: &str, status: u16) {
        let class = match status {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        *counts
            .entry((route.to_string(), profile.to_string(), class))
            .or_default() += 1;
    }

    pub fn write(&self, out: &mut Exposition) {
        const NAME: &str = "hiroba_http_requests_total";
        out.family(
            NAME,
            "counter",
            "Requests answered by this server, by route, device profile and status class.",
        );
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        for ((route, profile, status), n) in counts.iter() {
            out.sample(
                NAME,
                &[("route", route), ("profile", profile), ("status", status)],
                *n as f64,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_per_route_profile_and_status_class() {
        let counts = RequestCounts::default();
        counts.record("/events", "docomo", 200);
        counts.record("/events", "docomo", 204);
        counts.record("/events", "pc", 404);
        let mut out = Exposition::default();
        counts.write(&mut out);
        let text = out.finish();
        assert!(
            text.contains("hiroba_http_requests_total{route=\"/events\",profile=\"docomo\",status=\"2xx\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("hiroba_http_requests_total{route=\"/events\",profile=\"pc\",status=\"4xx\"} 1\n"),
            "{text}"
        );
    }
}
