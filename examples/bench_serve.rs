//! The web page's speed (issue 13): the median time of one document's preview, and 20
//! previews at once (all must succeed) with the peak memory of the process.
//!
//! `cargo run --release --example bench_serve`

use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::serve::{Options, Server};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;
const CONCURRENT: usize = 20;

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let options = Options {
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        renders: std::thread::available_parallelism().map_or(1, Into::into),
        today: || chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
    };
    let server = runtime.block_on(async {
        let pipeline = Arc::new(Pipeline::builtin().expect("the built-in pipeline"));
        Server::bind(pipeline, &options).await.expect("a free port")
    });
    let address = server.address().expect("an address").to_string();
    runtime.spawn(server.run());

    // The first preview loads the fonts and fills Typst's caches, as a page's first does.
    assert_eq!(
        send(&address, &preview_request(&address, 0)).0,
        200,
        "the first preview"
    );
    // Each request changes the profile, as a user editing the form does, so that no
    // preview is Typst's cached layout of an earlier one.
    let mut times: Vec<Duration> = (1..=ROUNDS)
        .map(|round| {
            let (status, took) = send(&address, &preview_request(&address, round));
            assert_eq!(status, 200);
            took
        })
        .collect();
    times.sort();
    println!(
        "preview of databehandleravtale-3201: median {} ms over {ROUNDS} requests (min {} ms, max {} ms), {} renders at once",
        times[ROUNDS / 2].as_millis(),
        times[0].as_millis(),
        times[ROUNDS - 1].as_millis(),
        options.renders
    );

    let start = Instant::now();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..CONCURRENT)
            .map(|i| {
                let request = preview_request(&address, 100 + i);
                let address = &address;
                s.spawn(move || send(address, &request).0)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).collect()
    });
    let ok = statuses.iter().filter(|s| **s == 200).count();
    println!(
        "{CONCURRENT} concurrent previews: {ok} succeeded in {} ms; peak RSS of the process {} MiB",
        start.elapsed().as_millis(),
        peak_rss_mib()
    );
    assert_eq!(ok, CONCURRENT, "every preview succeeds: {statuses:?}");
}

/// The preview request of the single-municipality example, as the page's form sends it,
/// with the contact person's name changed by `round`.
fn preview_request(address: &str, round: usize) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/single.yaml");
    let text = std::fs::read_to_string(path).expect("the example profile");
    let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let mut pairs = Vec::new();
    flatten(&value, String::new(), &mut pairs);
    for (name, value) in &mut pairs {
        if name == "municipality.contact.name" {
            *value = format!("Per Testesen {round}");
        }
    }
    pairs.push(("dokument".into(), "databehandleravtale-3201".into()));
    let body = serde_urlencoded::to_string(&pairs).expect("a form");
    format!(
        "POST /forhandsvis HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn flatten(value: &serde_yaml::Value, path: String, out: &mut Vec<(String, String)>) {
    use serde_yaml::Value as V;
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        V::Mapping(m) => {
            for (k, v) in m {
                if let Some(k) = k.as_str() {
                    flatten(v, join(k), out);
                }
            }
        }
        V::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{path}[{i}]"), out);
            }
        }
        V::String(s) => out.push((path, s.clone())),
        V::Number(n) => out.push((path, n.to_string())),
        V::Bool(b) => out.push((path, b.to_string())),
        _ => {}
    }
}

/// Sends `request` and reads the whole reply; returns its status and how long it took.
fn send(address: &str, request: &str) -> (u16, Duration) {
    let start = Instant::now();
    let mut reply = Vec::new();
    let sent = TcpStream::connect(address).and_then(|mut stream| {
        stream.write_all(request.as_bytes())?;
        stream.read_to_end(&mut reply)
    });
    let status = sent
        .ok()
        .and_then(|_| {
            String::from_utf8_lossy(&reply[..reply.len().min(16)])
                .split(' ')
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    (status, start.elapsed())
}

fn peak_rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
