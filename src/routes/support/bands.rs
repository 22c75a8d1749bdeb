//! Two time bands from a keitai form (hour and minute selects), and back: the weekday and the
//! dated-exception forms share them.

use crate::domain::support::availability::Band;
use crate::keitai::form::FormData;
use hiroba_views::pages::support::availability::{BandsForm, TimeField, BAND_NAMES, NO_HOUR};

/// The two bands as typed.
pub fn typed(form: &FormData) -> BandsForm {
    let time = |name: String| TimeField {
        hour: form.get(&format!("{name}_h")).unwrap_or(NO_HOUR).to_string(),
        minute: form.get(&format!("{name}_m")).unwrap_or("00").to_string(),
    };
    let band = |prefix: &str| (time(format!("{prefix}_from")), time(format!("{prefix}_until")));
    BandsForm {
        bands: [band(BAND_NAMES[0]), band(BAND_NAMES[1])],
    }
}

/// The bands chosen (none, one or two), or what is wrong with one.
pub fn parse(typed: &BandsForm) -> Result<Vec<Band>, String> {
    let mut bands = Vec::new();
    for (from, until) in &typed.bands {
        match (from.hour == NO_HOUR, until.hour == NO_HOUR) {
            (true, true) => continue,
            (false, false) => {}
            _ => return Err("時間は、始まりと終わりの両方を選んでください。".into()),
        }
        let clock = |t: &TimeField| format!("{}:{}", t.hour, t.minute);
        bands.push(Band::parse(&clock(from), &clock(until)).map_err(|e| e.to_string())?);
    }
    Ok(bands)
}

/// Stored bands as the form shows them (up to two; the rest cannot be shown on a keitai form).
pub fn form_of(bands: &[Band]) -> BandsForm {
    let time = |minutes: u32| TimeField {
        hour: format!("{:02}", minutes / 60),
        minute: format!("{:02}", minutes % 60),
    };
    let mut form = BandsForm::default();
    for (slot, band) in form.bands.iter_mut().zip(bands) {
        let (from, until) = band.minutes();
        *slot = (time(from), time(until));
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_from_selects() {
        let form = FormData::of(&[
            ("a_from_h", "09"),
            ("a_from_m", "00"),
            ("a_until_h", "12"),
            ("a_until_m", "30"),
            ("b_from_h", "--"),
            ("b_until_h", "--"),
        ]);
        let bands = parse(&typed(&form)).unwrap();
        assert_eq!(
            bands.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
            ["09:00〜12:30"]
        );
        let one_sided = FormData::of(&[("a_from_h", "09"), ("a_until_h", "--")]);
        assert!(parse(&typed(&one_sided)).is_err());
        let backwards = FormData::of(&[("a_from_h", "18"), ("a_until_h", "09")]);
        assert_eq!(
            parse(&typed(&backwards)).unwrap_err(),
            "18:00〜09:00：終わりの時刻が始まりより前です。"
        );
        let to_midnight = FormData::of(&[("a_from_h", "20"), ("a_until_h", "24")]);
        assert_eq!(parse(&typed(&to_midnight)).unwrap()[0].minutes(), (1200, 1440));
        let round_trip = form_of(&parse(&typed(&form)).unwrap());
        assert_eq!(round_trip.bands[0].1.minute, "30");
    }
}
