//! Survey answers (`notebook_answers`): the last answer of each recipient.
