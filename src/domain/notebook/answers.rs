//! Reading answers: survey choices from a form or a reply mail (`1 2 1`, 「出席」), free replies.
