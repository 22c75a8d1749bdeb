//! The client against a tiny local server that answers with fixed bytes.

use super::*;
use std::net::TcpListener;
use std::sync::mpsc;

/// A request as the test server read it.
#[derive(Debug)]
struct Seen {
    line: String,
    headers: Vec<String>,
    body: Vec<u8>,
}

/// Reads one request; None if the client closed the connection.
fn read_request(conn: &mut BufReader<TcpStream>) -> Option<Seen> {
    let mut line = String::new();
    if conn.read_line(&mut line).unwrap() == 0 {
        return None;
    }
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut header = String::new();
        conn.read_line(&mut header).unwrap();
        let header = header.trim_end().to_string();
        if header.is_empty() {
            break;
        }
        if let Some(n) = header.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
        headers.push(header);
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body).unwrap();
    Some(Seen {
        line: line.trim_end().to_string(),
        headers,
        body,
    })
}

/// Serves `script`: per accepted connection, the answers to write to its requests in turn (the
/// connection is closed after the last). Returns the base URL and what the server saw, per
/// connection.
fn serve(script: Vec<Vec<&'static str>>) -> (BaseUrl, mpsc::Receiver<Vec<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for answers in script {
            let (stream, _) = listener.accept().unwrap();
            let mut conn = BufReader::new(stream);
            let mut seen = Vec::new();
            for answer in answers {
                let Some(request) = read_request(&mut conn) else { break };
                seen.push(request);
                conn.get_mut().write_all(answer.as_bytes()).unwrap();
            }
            drop(conn);
            tx.send(seen).unwrap();
        }
    });
    (BaseUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap(), rx)
}

const OK: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{\"ok\":true}";

#[test]
fn two_posts_share_one_connection_and_carry_host_length_and_headers() {
    let (base, seen) = serve(vec![vec![OK, OK]]);
    let mut client = Client::new(base);
    for body in [&b"[1]"[..], b"[22]"] {
        let answer = client
            .post("/api/v1/readers/3/events", &[("X-Hiroba-Timestamp", "17")], body)
            .unwrap();
        let expected = Response {
            status: 200,
            body: b"{\"ok\":true}".to_vec(),
            retry_after: None,
        };
        assert_eq!(answer, expected);
    }
    let requests = seen.recv().unwrap();
    assert_eq!(requests.len(), 2, "both requests on the first connection");
    assert_eq!(requests[0].line, "POST /api/v1/readers/3/events HTTP/1.1");
    assert_eq!(requests[1].body, b"[22]");
    let port = client.base.port;
    for header in [
        format!("Host: 127.0.0.1:{port}"),
        "Content-Length: 4".into(),
        "X-Hiroba-Timestamp: 17".into(),
    ] {
        assert!(
            requests[1].headers.contains(&header),
            "{header} in {:?}",
            requests[1].headers
        );
    }
}

#[test]
fn a_chunked_error_answer_is_read_whole_and_connection_close_is_honoured() {
    let chunked =
        "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nRetry-After: 5\r\nConnection: close\r\n\r\n\
                   5\r\n{\"err\r\n9;x=1\r\nor\":\"busy\r\n2\r\n\"}\r\n0\r\n\r\n";
    let (base, seen) = serve(vec![vec![chunked], vec![OK]]);
    let mut client = Client::new(base);
    let busy = client.post("/x", &[], b"{}").unwrap();
    assert_eq!(busy.status, 503);
    assert_eq!(busy.body, b"{\"error\":\"busy\"}");
    assert_eq!(busy.retry_after, Some(Duration::from_secs(5)));
    assert_eq!(client.post("/x", &[], b"{}").unwrap().status, 200);
    assert_eq!(seen.recv().unwrap().len(), 1);
    assert_eq!(
        seen.recv().unwrap().len(),
        1,
        "a new connection after Connection: close"
    );
}

#[test]
fn a_kept_alive_connection_the_server_closed_is_replaced_without_an_error() {
    // The first connection answers once and is then closed by the server, as on its idle timeout.
    let (base, seen) = serve(vec![vec![OK], vec![OK]]);
    let mut client = Client::new(base);
    assert_eq!(client.post("/x", &[], b"1").unwrap().status, 200);
    assert_eq!(seen.recv().unwrap().len(), 1);
    assert_eq!(client.post("/x", &[], b"2").unwrap().status, 200);
    assert_eq!(seen.recv().unwrap()[0].body, b"2");
}

#[test]
fn a_refused_connection_and_a_garbled_answer_are_errors() {
    let unused = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut client = Client::new(BaseUrl::parse(&format!("http://127.0.0.1:{unused}")).unwrap());
    assert!(matches!(client.post("/x", &[], b""), Err(ClientError::Io(_))));
    let (base, _seen) = serve(vec![vec!["SMTP 220 hello\r\n\r\n"]]);
    let mut client = Client::new(base);
    assert!(matches!(client.post("/x", &[], b""), Err(ClientError::Malformed(_))));
}

#[test]
fn base_urls_are_http_with_host_and_optional_port_and_nothing_else() {
    let url = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
    assert_eq!(url.authority(), "127.0.0.1:8080");
    assert_eq!(BaseUrl::parse("HTTP://localhost/").unwrap().authority(), "localhost:80");
    let v6 = BaseUrl::parse("http://[::1]:9000").unwrap();
    assert_eq!((v6.host.as_str(), v6.authority()), ("::1", "[::1]:9000".to_string()));
    for bad in [
        "https://hiroba.example.jp",
        "127.0.0.1:8080",
        "http://",
        "http://host/api",
        "http://host:0",
        "http://host:x",
        "http://u@host",
    ] {
        assert!(BaseUrl::parse(bad).is_err(), "{bad}");
    }
}
