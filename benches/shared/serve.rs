//! `hiroba serve` as a child process for the benches that measure the whole service: started,
//! waited for until `/health` answers, stopped when dropped.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct Running {
    process: Child,
}

impl Running {
    /// Spawns `command` (a prepared `hiroba serve`) and waits up to 20 s for `/health` on `port`.
    pub fn start(mut command: Command, port: u16) -> Running {
        let process = command.spawn().unwrap_or_else(|e| panic!("{e}"));
        let mut server = Running { process };
        let started = Instant::now();
        while !healthy(port) {
            server.check_alive();
            assert!(started.elapsed() < Duration::from_secs(20), "no /health after 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The server's process id (for `/proc/PID/…`).
    #[allow(dead_code)] // Not every bench including this file reads it.
    pub fn pid(&self) -> u32 {
        self.process.id()
    }

    pub fn check_alive(&mut self) {
        if let Ok(Some(status)) = self.process.try_wait() {
            panic!("hiroba serve exited: {status}");
        }
    }

    pub fn stop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let mut answer = String::new();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .and_then(|()| stream.read_to_string(&mut answer))
        .is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    listener.local_addr().unwrap_or_else(|e| panic!("{e}")).port()
}
