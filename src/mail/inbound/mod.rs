//! Mail in: both doors (`hiroba mail-in`, the SMTP listener) store the raw message (`intake`)
//! and queue a job; the job decodes it (`decode`) and hands it to the handler of its address
//! (`process`), delivery reports included (`dsn`); processed mail is purged later (`retention`).

pub mod decode;
pub mod dsn;
pub mod intake;
pub mod listener;
pub mod pipe;
pub mod process;
pub mod retention;
