//! Answers to messages: survey choices and free replies, by web form or reply mail, the tally.
