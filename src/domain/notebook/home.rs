//! The home board: pairing codes, the child's fixed replies, messages to the child.
