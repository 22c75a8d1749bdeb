//! Children's 申込コード (`notebook_child_codes`).
