//! デジタル連絡帳・伝言板 tables: one model per table (or per small group of tables that are only
//! ever used together).

pub mod absence;
pub mod answer;
pub mod attachment;
pub mod code;
pub mod contacted;
pub mod family;
pub mod home;
pub mod join;
pub mod message;
pub mod question;
pub mod recipient;
pub mod school_settings;
pub mod teacher;
