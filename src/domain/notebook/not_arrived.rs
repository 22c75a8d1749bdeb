//! 未登校・連絡なし: which children are on the list, from passes and notices.
