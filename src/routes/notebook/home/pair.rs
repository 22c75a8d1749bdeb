//! POST `/home/pair`: a device types the family's one-time code and its name. A right code makes it
//! the family's board (its token in a cookie, or in the URL for a phone without cookies); wrong
//! codes are counted per client address and locked out like wrong passwords.

use super::device::{board_cookie, pairing_page, to_board};
use crate::domain::notebook::home::{parse_code, parse_name};
use crate::error::AppError;
use crate::notebook::home::{clock, pair as pair_board, Pairing};
use crate::routes::request::Posted;
use actix_web::HttpResponse;
use hiroba_views::pages::notebook::home::pairing::PairingView;

pub async fn pair(posted: Posted) -> Result<HttpResponse, AppError> {
    let Posted { visitor, form } = posted;
    let mut view = PairingView {
        code: form.get("code").unwrap_or_default().trim().to_string(),
        name: form.get("name").unwrap_or_default().trim().to_string(),
        ..PairingView::default()
    };
    let Some(code) = parse_code(&view.code) else {
        view.error = Some("ペアリング番号は6けたの数字で入れてください。".into());
        return pairing_page(visitor, view).await;
    };
    let name = match parse_name(&view.name) {
        Ok(name) => name,
        Err(why) => {
            view.error = Some(why.into());
            return pairing_page(visitor, view).await;
        }
    };
    let client = visitor.client_ip.to_string();
    let paired = visitor
        .db(move |conn| Ok(pair_board(conn, &client, &code, &name)?))
        .await?;
    match paired {
        Pairing::Paired { token, .. } if visitor.device.cookies => {
            let mut response = to_board(&visitor, "/home");
            response
                .add_cookie(&board_cookie(&visitor, &token))
                .map_err(|e| AppError::internal(e.to_string()))?;
            Ok(response)
        }
        Pairing::Paired { token, .. } => Ok(to_board(&visitor, &format!("/home/b/{token}"))),
        Pairing::WrongCode => {
            view.error = Some(
                "番号が違うか、有効期限が切れているか、もう使われています。保護者の方の画面で番号をお確かめください。"
                    .into(),
            );
            pairing_page(visitor, view).await
        }
        Pairing::Locked(until) => {
            view.error = Some(format!(
                "番号の入力を続けて間違えたため、{}まで受け付けません。",
                clock(until)
            ));
            pairing_page(visitor, view).await
        }
    }
}
