//! The notebook's home pages: the guardians' 伝言板 (`/notebook/home`), and the home board device
//! (`/home`: the pairing form, then the family's board and nothing else).

pub mod board;
pub mod family;
pub mod pairing;
