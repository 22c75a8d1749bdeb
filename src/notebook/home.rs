//! 伝言板 and the home board (ホーム端末): pairing, ただいま, messages to the child and her replies.
