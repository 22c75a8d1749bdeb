//! The not-arrived list's 保護者に連絡済み marks and the day's mail (`notebook_contacted`, `notebook_nudges`).
