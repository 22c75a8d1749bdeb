//! Joining a child by 申込コード (typed, from a QR code or a 空メール), approval, and codes.
