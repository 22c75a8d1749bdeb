//! デジタル連絡帳・伝言板 mails, one file per part.

pub mod absence;
pub mod answers;
pub mod families;
pub mod home;
pub mod messages;
