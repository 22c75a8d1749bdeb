//! Attachments other than images (`notebook_attachments`).
