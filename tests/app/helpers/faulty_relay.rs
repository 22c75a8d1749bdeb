//! An SMTP relay whose faults a test switches on and off: down (hangs up before its greeting), slow
//! (waits before each 250), hanging (takes the data and never answers), and a hook that runs the
//! moment a mail is accepted, before the relay says 250. Plain SMTP spoken by hand, so that each
//! fault lands exactly where the test wants it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the relay treats the next connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Up,
    /// Accepts the connection and closes it at once (a relay that is down or overloaded).
    Down,
    /// Takes the data of the next mail and never answers; later connections are `Up` again.
    HangOnce,
    /// Takes the data of every mail and never answers.
    Hang,
}

type Hook = Box<dyn FnMut(&str) + Send>;

#[derive(Default)]
struct State {
    mode: Option<Mode>,
    delay: Duration,
    /// Recipients of the mails answered 250, in order.
    accepted: Vec<String>,
    /// Recipients whose data arrived and was never answered.
    hung: Vec<String>,
    /// Runs with the recipient when a mail's data has arrived, before the 250.
    on_accept: Option<Hook>,
    /// Runs at each MAIL FROM.
    on_mail: Option<Hook>,
}

#[derive(Clone)]
pub struct FaultyRelay {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl FaultyRelay {
    pub fn start() -> FaultyRelay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("smtp://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let state = Arc::new(Mutex::new(State::default()));
        let served = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&served);
                std::thread::spawn(move || drop(serve(stream, &state)));
            }
        });
        FaultyRelay { url, state }
    }

    pub fn set_mode(&self, mode: Mode) {
        self.state.lock().unwrap().mode = Some(mode);
    }

    /// Waits this long before each 250 after the data.
    pub fn set_delay(&self, delay: Duration) {
        self.state.lock().unwrap().delay = delay;
    }

    pub fn on_accept(&self, hook: impl FnMut(&str) + Send + 'static) {
        self.state.lock().unwrap().on_accept = Some(Box::new(hook));
    }

    pub fn on_mail(&self, hook: impl FnMut(&str) + Send + 'static) {
        self.state.lock().unwrap().on_mail = Some(Box::new(hook));
    }

    /// Recipients of the mails the relay accepted, in order.
    pub fn accepted(&self) -> Vec<String> {
        self.state.lock().unwrap().accepted.clone()
    }

    /// Recipients of the mails whose data arrived and was never answered.
    pub fn hung(&self) -> Vec<String> {
        self.state.lock().unwrap().hung.clone()
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mode = {
        let mut state = state.lock().unwrap();
        let mode = state.mode.unwrap_or(Mode::Up);
        if mode == Mode::HangOnce {
            state.mode = Some(Mode::Up);
        }
        mode
    };
    if mode == Mode::Down {
        return Ok(());
    }
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    out.write_all(b"220 relay.test ESMTP\r\n")?;
    let mut recipient = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            out.write_all(b"250-relay.test\r\n250 8BITMIME\r\n")?;
        } else if command.starts_with("MAIL") {
            let hook = state.lock().unwrap().on_mail.take();
            if let Some(mut hook) = hook {
                hook(&line);
                state.lock().unwrap().on_mail = Some(hook);
            }
            out.write_all(b"250 OK\r\n")?;
        } else if command.starts_with("RCPT") {
            recipient = line.trim_end()[line.find('<').map_or(0, |i| i + 1)..]
                .trim_end_matches('>')
                .to_string();
            out.write_all(b"250 OK\r\n")?;
        } else if command == "DATA" {
            out.write_all(b"354 go ahead\r\n")?;
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
            }
            if matches!(mode, Mode::Hang | Mode::HangOnce) {
                state.lock().unwrap().hung.push(recipient.clone());
                // Never answers; the client gives up (or dies) first.
                std::thread::sleep(Duration::from_secs(600));
                return Ok(());
            }
            let (hook, delay) = {
                let mut state = state.lock().unwrap();
                (state.on_accept.take(), state.delay)
            };
            std::thread::sleep(delay);
            if let Some(mut hook) = hook {
                hook(&recipient);
                state.lock().unwrap().on_accept = Some(hook);
            }
            state.lock().unwrap().accepted.push(recipient.clone());
            out.write_all(b"250 queued\r\n")?;
        } else if command == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"250 OK\r\n")?;
        }
    }
}
