//! 申込コード: their alphabet, making one, and reading one as people type it.
