//! デジタル連絡帳・伝言板 tables: one model per table (or per small group of tables that are only
//! ever used together).

pub mod family;
pub mod recipient;
pub mod school_settings;
pub mod teacher;
