//! Messages (`notebook_messages`, `notebook_targets`): what a teacher sent, to whom, when.
