//! デジタル連絡帳・伝言板 pages, one folder per part (as `src/routes/notebook/`).

pub mod absence;
pub mod answers;
pub mod families;
pub mod home;
pub mod messages;
