//! Login, registration, logout and password confirmation.

pub mod confirm;
pub mod easy_login;
pub mod login;
pub mod logout;
pub mod reauth;
pub mod register;

use actix_web::web;

/// Where to go after login: only a path of ours (never `//host` or a full URL), else my page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.chars().any(char::is_control) =>
        {
            p.to_string()
        }
        _ => "/mypage".to_string(),
    }
}

/// A UTC time as members read it (Japan time, hours and minutes).
pub fn jst_clock(utc: chrono::NaiveDateTime) -> String {
    (utc + chrono::Duration::hours(9)).format("%H:%M").to_string()
}

/// Registers login, registration, logout and reauthentication.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/login", web::get().to(login::form))
        .route("/login", web::post().to(login::submit))
        .route("/login/easy", web::post().to(easy_login::submit))
        .route("/logout", web::get().to(logout::form))
        .route("/logout", web::post().to(logout::submit))
        .route("/register", web::get().to(register::form))
        .route("/register", web::post().to(register::submit))
        .route("/register/confirm", web::get().to(confirm::show))
        .route("/register/confirm", web::post().to(confirm::submit))
        .route("/reauth", web::get().to(reauth::form))
        .route("/reauth", web::post().to(reauth::submit));
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_our_site() {
        assert_eq!(safe_next(Some("/mypage/phone")), "/mypage/phone");
        for bad in ["//evil.example/", "https://evil.example/", "/\\evil", "mypage"] {
            assert_eq!(safe_next(Some(bad)), "/mypage", "{bad}");
        }
        assert_eq!(safe_next(None), "/mypage");
    }
}
