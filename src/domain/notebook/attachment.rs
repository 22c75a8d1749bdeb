//! Attachments: which types and sizes are taken, and what a keitai shows instead of a PDF.
