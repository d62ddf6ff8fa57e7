//! The web page (`serve`, issue 13) over plain HTTP: the form's checks and downloads, and
//! what it must refuse. The browser scenario is in `browser.rs`.

use crate::util::*;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::profile::{self, Defaults, ProfileError};
use digisos_pakke::serve::{self, MAX_BODY_BYTES, Options};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const PORT: u16 = 8000;
const HOST: &str = "127.0.0.1:8000";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

fn router() -> axum::Router {
    static PIPELINE: OnceLock<Arc<Pipeline>> = OnceLock::new();
    let pipeline = PIPELINE
        .get_or_init(|| Arc::new(Pipeline::builtin().expect("built-in pipeline")))
        .clone();
    let options = Options {
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: PORT,
        renders: 2,
        today,
    };
    serve::router(pipeline, &options).expect("the page templates parse")
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(request: Request<Body>) -> Reply {
    let response = router().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn get(path: &str) -> Reply {
    send(
        Request::get(path)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn post_form(path: &str, pairs: &[(String, String)]) -> Reply {
    let body = serde_urlencoded::to_string(pairs).unwrap();
    send(
        Request::post(path)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// A multipart body with one file part per `(field, file name, bytes)`.
pub(crate) fn multipart(files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "digisos-test-boundary-7d1f";
    let mut body = Vec::new();
    for (field, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/yaml\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_files(path: &str, files: &[(&str, &str, &[u8])]) -> Reply {
    let (content_type, body) = multipart(files);
    send(
        Request::post(path)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// The form fields of a profile: every scalar by its profile path, as the page names them.
fn form_of(yaml: &str) -> Vec<(String, String)> {
    fn walk(v: &serde_yaml::Value, path: String, out: &mut Vec<(String, String)>) {
        use serde_yaml::Value as V;
        match v {
            V::Mapping(m) => {
                for (k, child) in m {
                    let k = k.as_str().unwrap();
                    let p = if path.is_empty() {
                        k.to_owned()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(child, p, out);
                }
            }
            V::Sequence(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, format!("{path}[{i}]"), out);
                }
            }
            V::String(s) => out.push((path, s.clone())),
            V::Number(n) => out.push((path, n.to_string())),
            V::Bool(b) => out.push((path, b.to_string())),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_yaml::from_str(yaml).unwrap(),
        String::new(),
        &mut out,
    );
    out
}

fn example_form(name: &str) -> Vec<(String, String)> {
    form_of(&std::fs::read_to_string(example_path(name)).unwrap())
}

fn with(mut pairs: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    pairs.retain(|(n, _)| n != name);
    pairs.push((name.to_owned(), value.to_owned()));
    pairs
}

#[tokio::test]
async fn a_wrong_host_header_is_refused_and_every_page_has_a_strict_policy() {
    for host in [
        "evil.example:8000",
        "localhost:8001",
        "127.0.0.1.nip.io:8000",
    ] {
        let reply = send(
            Request::get("/")
                .header(header::HOST, host)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(reply.status, StatusCode::MISDIRECTED_REQUEST, "{host}");
    }
    let reply = get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(!policy.contains("unsafe"), "{policy}");
    assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(reply.text().contains("<html lang=\"nb\">"));
    // A form sent from another site's page is refused too.
    let cross = send(
        Request::post("/last-ned/profil")
            .header(header::HOST, HOST)
            .header(header::ORIGIN, "http://evil.example")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("municipality.name=B"))
            .unwrap(),
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_oversize_body_is_refused_with_a_clear_message() {
    let big = vec![b'a'; MAX_BODY_BYTES + 1];
    // Declared up front, and found only while reading (no Content-Length).
    for declared in [true, false] {
        let mut request = Request::post("/profil")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if declared {
            request = request.header(header::CONTENT_LENGTH, big.len());
        }
        let reply = send(request.body(Body::from(big.clone())).unwrap()).await;
        assert_eq!(
            reply.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "declared: {declared}"
        );
        assert!(reply.text().contains("høyst 1 MiB"), "{}", reply.text());
    }
    let reply = post_files("/puljer", &[("profiler", "stor.yaml", &big)]).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.text().contains("høyst 1 MiB"));
}

#[tokio::test]
async fn the_register_opens_the_form_pre_filled_as_init_does() {
    for query in ["B%C3%A6rum", "3201", "3201+B%C3%A6rum"] {
        let page = get(&format!("/profil?kommune={query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let html = page.text();
        assert!(
            html.contains("name=\"municipality.org_number\" value=\"935478715\""),
            "{html}"
        );
        // init's placeholders are left for the user to fill, not shown as values.
        assert!(!html.contains("FYLL UT"));
    }
    // Sami names find their municipality.
    let page = get("/profil?kommune=Guovdageaidnu").await;
    assert!(page.text().contains("value=\"5612\""), "{}", page.text());
    let missing = get("/profil?kommune=Atlantis").await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.text().contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn a_problem_is_shown_at_its_field_with_the_validators_own_message() {
    let form = with(
        example_form("single"),
        "municipality.org_number",
        "935478716",
    );
    let reply = post_form("/profil", &form).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = reply.text();
    // The same words `validate` prints, from the same validator.
    let yaml = std::fs::read_to_string(example_path("single"))
        .unwrap()
        .replace("935478715", "935478716");
    let Err(ProfileError::Invalid { problems, .. }) = parse(&yaml) else {
        panic!("the changed profile is invalid");
    };
    let message = tera::escape_html(&problems[0].message);
    let field = html
        .find("id=\"f-municipality-org-number-feil\"")
        .expect("an error at the field");
    // In English, as `validate` prints it, and said so to a screen reader on a bokmål page.
    assert!(
        html[field..].contains(&format!("<span lang=\"en\">{message}")),
        "{html}"
    );
    assert!(html.contains(
        "aria-describedby=\"f-municipality-org-number-hjelp f-municipality-org-number-feil\""
    ));
    // The summary links to the field.
    assert!(html.contains(&format!(
        "<li lang=\"en\"><a href=\"#f-municipality-org-number\">{message}"
    )));
    // Fixed, the form is valid and lists the documents.
    let fixed = post_form("/profil", &example_form("single")).await;
    assert_eq!(fixed.status, StatusCode::OK);
    assert!(fixed.text().contains("value=\"databehandleravtale-3201\""));
}

/// Both downloads of the pack: the zip `generate` writes from the downloaded profile, and
/// with «Word-filer» the one `generate --docx` writes.
#[tokio::test]
async fn the_zip_is_the_one_generate_writes_from_the_downloaded_profile() {
    let form = example_form("host-without-transfer");
    let yaml = post_form("/last-ned/profil", &form).await;
    assert_eq!(yaml.status, StatusCode::OK);
    let dir = temp_dir("serve-zip");
    std::fs::write(dir.join("profil.yaml"), &yaml.body).unwrap();
    for (word, flags) in [(None, &[][..]), (Some("ja"), &["--docx"][..])] {
        let form = match word {
            Some(word) => with(form.clone(), "word", word),
            None => form.clone(),
        };
        let zip = post_form("/last-ned/pakke", &form).await;
        assert_eq!(zip.status, StatusCode::OK);
        assert_eq!(zip.headers[header::CONTENT_TYPE], "application/zip");
        let out = dir.join(format!("out{}", flags.len()));
        let mut args = vec![
            std::ffi::OsString::from("generate"),
            dir.join("profil.yaml").into_os_string(),
            "-o".into(),
            out.clone().into_os_string(),
        ];
        args.extend(flags.iter().map(std::ffi::OsString::from));
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let disposition = zip.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        let name = disposition
            .split('"')
            .nth(1)
            .expect("a file name")
            .to_owned();
        let written = std::fs::read(out.join(&name)).unwrap();
        assert!(
            written == zip.body,
            "{name} differs from the zip `generate {flags:?}` writes"
        );
        let docx = unzip(&zip.body)
            .iter()
            .filter(|(n, _)| n.ends_with(".docx"))
            .count();
        assert_eq!(docx > 0, word.is_some(), "{docx} Word files");
        std::fs::write(dir.join("page.zip"), &zip.body).unwrap();
        let verified = digisos_pakke::pack::verify(&dir.join("page.zip")).unwrap();
        assert!(verified.findings.is_empty(), "{:?}", verified.findings);
    }
}

#[tokio::test]
async fn a_preview_is_the_documents_pdf_shown_in_the_page() {
    let form = with(
        example_form("single"),
        "dokument",
        "databehandleravtale-3201",
    );
    let reply = post_form("/forhandsvis", &form).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(reply.body.starts_with(b"%PDF-"));
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("inline"), "{disposition}");
    assert_eq!(
        reply.headers[header::CONTENT_SECURITY_POLICY],
        "frame-ancestors 'self'"
    );
    // The document of the profile the form makes (its hash is in the PDF's provenance).
    let yaml = post_form("/last-ned/profil", &form).await;
    let plan = pipeline().plan(&parse(&yaml.text()).unwrap());
    let job = plan
        .documents
        .iter()
        .find(|j| j.file_stem == "databehandleravtale-3201")
        .unwrap();
    assert!(reply.body == pipeline().document_pdf(&plan, job).unwrap());
    // A document the pack does not have, and a form with problems, give no PDF.
    let unknown = post_form(
        "/forhandsvis",
        &with(example_form("single"), "dokument", "../../etc/passwd"),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let invalid = post_form("/forhandsvis", &with(form, "municipality.number", "32")).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn members_are_added_from_the_register_and_removed() {
    let mut form = with(
        example_form("single"),
        "cooperation.model",
        "host_with_transfer",
    );
    form.push(("nytt_medlem".into(), "3203 Asker".into()));
    form.push(("handling".into(), "legg-til-medlem".into()));
    let html = post_form("/profil", &form).await.text();
    assert!(
        html.contains("name=\"cooperation.members[0].org_number\" value=\"920125298\""),
        "{html}"
    );
    // Of two members, removing the first leaves the second, moved up.
    let mut form = with(example_form("board"), "handling", "fjern-medlem-0");
    assert_eq!(value(&form, "cooperation.members[0].name"), "Molde");
    form.push(("cooperation.members[1].name".into(), "Aukra".into()));
    let second = "Aukra";
    let html = post_form("/profil", &form).await.text();
    assert!(
        html.contains(&format!(
            "name=\"cooperation.members[0].name\" value=\"{second}\""
        )),
        "{html}"
    );
    assert!(!html.contains("cooperation.members[1]"));
}

fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(p, _)| p == name)
        .map(|(_, v)| v.clone())
        .unwrap()
}

#[tokio::test]
async fn hostile_profiles_uploaded_are_shown_literally_or_refused_as_on_the_command_line() {
    let dir = root().join("tests/fixtures/hostile");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let shown = text.contains("# expect: shown");
        let field = text
            .lines()
            .find_map(|l| l.strip_prefix("# field: "))
            .unwrap();
        let file = path.file_name().unwrap().to_str().unwrap();
        let reply = post_files("/profil/last-opp", &[("profil", file, &bytes)]).await;
        let html = reply.text();
        let cli = profile::load(&path, &Defaults::default());
        assert_eq!(cli.is_ok(), shown, "{file}");
        assert_eq!(
            reply.status,
            if shown {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
            "{file}"
        );
        // No markup of the profile's reaches the page: the page itself has no script or image.
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{file}"
        );
        if shown {
            let value = form_of(&text)
                .into_iter()
                .find(|(p, _)| p == field)
                .map(|(_, v)| v)
                .unwrap();
            let literal = tera::escape_html(&value);
            assert!(
                html.contains(&format!("value=\"{literal}\"")),
                "{file}: {literal}"
            );
        } else {
            let Err(ProfileError::Invalid { problems, .. }) = cli else {
                panic!("{file}: refused as invalid");
            };
            assert!(
                html.contains(&tera::escape_html(&problems[0].message)),
                "{file}"
            );
        }
    }
}

#[tokio::test]
async fn a_batch_upload_summarises_each_profile_and_downloads_every_pack() {
    let single = std::fs::read(example_path("single")).unwrap();
    let board = std::fs::read(example_path("board")).unwrap();
    let broken = b"schema: 1\nmunicipality: { name: X }\n".to_vec();
    let reply = post_files(
        "/puljer",
        &[
            ("profiler", "single.yaml", &single),
            ("profiler", "board.yaml", &board),
            ("profiler", "broken.yaml", &broken),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.text();
    assert!(html.contains("2 av 3 profiler er klare"), "{html}");
    // The download form carries the uploaded bytes back.
    let carried = hidden_fields(&html);
    assert_eq!(carried.len(), 6);
    let zip = post_form("/puljer/last-ned", &carried).await;
    assert_eq!(zip.status, StatusCode::OK, "{}", zip.text());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).unwrap();
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names.sort();
    let expected: Vec<String> = ["board", "single"]
        .iter()
        .map(|n| format!("{}.zip", pipeline().plan(&example(n)).pack_name))
        .collect();
    let mut expected_sorted = expected.clone();
    expected_sorted.extend(["batch-summary.csv".into(), "batch-summary.pdf".into()]);
    expected_sorted.sort();
    assert_eq!(names, expected_sorted);
    // The summary the command writes beside the packs: the profile with errors is a failed
    // row, the others are written.
    let mut csv = String::new();
    archive
        .by_name("batch-summary.csv")
        .unwrap()
        .read_to_string(&mut csv)
        .unwrap();
    let status: Vec<(&str, &str)> = csv
        .lines()
        .skip(1)
        .map(|l| (l.split(',').next().unwrap(), l))
        .collect();
    assert_eq!(status.len(), 4, "{csv}");
    assert!(
        status[0].0 == "single.yaml" && status[0].1.contains(",ok,"),
        "{csv}"
    );
    assert!(
        status[1].0 == "board.yaml" && status[1].1.contains(",ok,"),
        "{csv}"
    );
    assert!(
        status[2].0 == "broken.yaml" && status[2].1.contains("error:"),
        "{csv}"
    );
    assert!(status[3].1.starts_with("TOTAL") && status[3].1.contains("2 ok / 1 failed"));
    let mut pdf = Vec::new();
    archive
        .by_name("batch-summary.pdf")
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    assert!(
        pdf_text(&pdf).contains("2 ok, 1 feilet"),
        "{}",
        pdf_text(&pdf)
    );
    let mut inner = Vec::new();
    archive
        .by_name(&expected[1])
        .unwrap()
        .read_to_end(&mut inner)
        .unwrap();
    let pack = pipeline().pack(&example("single")).unwrap();
    assert!(inner == digisos_pakke::pack::zip(&pack).unwrap());

    // «med Word-filer»: each pack as `batch --docx` makes it.
    let zip = post_form("/puljer/last-ned", &with(carried, "word", "ja")).await;
    assert_eq!(zip.status, StatusCode::OK, "{}", zip.text());
    let packs = unzip(&zip.body);
    let (_, inner) = packs.iter().find(|(n, _)| *n == expected[1]).unwrap();
    let mut plan = pipeline().plan(&example("single"));
    plan.docx = true;
    let pack = pipeline().pack_planned(&plan, 1, &|| {}).unwrap();
    assert!(pack.files.iter().any(|f| f.name.ends_with(".docx")));
    assert!(*inner == digisos_pakke::pack::zip(&pack).unwrap());
}

/// One request over TCP to the running binary; returns the status code.
fn http(address: &str, request: &str) -> u16 {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let head = String::from_utf8_lossy(&reply[..reply.len().min(64)]).into_owned();
    head.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn peak_rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

#[test]
fn fifty_concurrent_previews_succeed_with_bounded_memory_and_no_file_written() {
    let work = temp_dir("serve-cwd");
    let tmp = temp_dir("serve-tmp");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_digisos-pakke"))
        .args(["serve", "--port", "0", "--renders", "2"])
        .current_dir(&work)
        .env("TMPDIR", &tmp)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    let body = serde_urlencoded::to_string(with(
        example_form("single"),
        "dokument",
        "databehandleravtale-3201",
    ))
    .unwrap();
    let request = format!(
        "POST /forhandsvis HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let codes: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..50)
            .map(|_| s.spawn(|| http(&address, &request)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let peak = peak_rss_mib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    assert!(codes.iter().all(|c| *c == 200), "{codes:?}");
    // Two renders at a time: the peak is the fonts, the caches and two documents.
    assert!(peak <= 400, "peak RSS {peak} MiB");
    let left = |dir: &std::path::Path| std::fs::read_dir(dir).unwrap().count();
    assert_eq!((left(&work), left(&tmp)), (0, 0), "the server wrote files");
    eprintln!("50 concurrent previews: all 200, peak RSS {peak} MiB");
}

/// The form loses nothing a document uses: for every example profile, the profile the page
/// gives back (uploaded, then downloaded) makes the same text of every document as the
/// uploaded file. A member of a host cooperation names its own contact for its news text
/// and checklist, though it is not controller.
#[tokio::test]
async fn every_document_reads_the_same_from_the_profile_the_form_gives_back() {
    for name in [
        "single",
        "host-with-transfer",
        "host-without-transfer",
        "board",
    ] {
        let file = std::fs::read(example_path(name)).unwrap();
        let page = post_files("/profil/last-opp", &[("profil", "p.yaml", &file)]).await;
        assert_eq!(page.status, StatusCode::OK, "{name}");
        let yaml = post_form("/last-ned/profil", &form_fields(&page.text())).await;
        assert_eq!(yaml.status, StatusCode::OK, "{name}");
        let original = pipeline().plan(&example(name));
        let returned = pipeline().plan(&parse(&yaml.text()).unwrap());
        assert_eq!(original.documents.len(), returned.documents.len(), "{name}");
        for (a, b) in original.documents.iter().zip(&returned.documents) {
            assert_eq!(
                pipeline().markdown(&original, a).unwrap(),
                pipeline().markdown(&returned, b).unwrap(),
                "{name}: {}",
                a.file_stem
            );
        }
    }
}

/// The page reads no file path from a request (issue 13). A profile naming a Sami
/// translation folder by its full path is uploaded: the page neither reads the folder nor
/// drops the key. The pack is made as while the translation is awaited, and the profile
/// downloaded from the form keeps the folder and the order.
#[tokio::test]
async fn a_translation_folder_named_in_an_uploaded_profile_is_kept_but_never_read() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sami");
    let folder = fixture.join("kautokeino");
    let yaml = std::fs::read_to_string(fixture.join("kautokeino.yaml"))
        .unwrap()
        .replace(
            "translation: kautokeino",
            &format!(
                "translation: \"{}\"\n  order: norwegian_first",
                folder.display()
            ),
        );
    assert!(yaml.contains("norwegian_first"), "{yaml}");
    // The folder holds the fixture's test text, which nothing the page makes may contain.
    let marker = "TEST – IKKE SAMISK";
    let read_from_folder = |files: &[(String, Vec<u8>)]| {
        files
            .iter()
            .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(marker))
            .map(|(name, _)| name.clone())
            .collect::<Vec<_>>()
    };

    // One profile: the form shows the two Sami fields with the profile's values.
    let page = post_files(
        "/profil/last-opp",
        &[("profil", "kt.yaml", yaml.as_bytes())],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains("Samisk versjon av brevet og nyhetssaken"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"norwegian_first\" selected>"),
        "{html}"
    );
    // Said at the field, not only in its help.
    assert!(
        html.contains("the web page opens no folder it is given"),
        "{html}"
    );
    let form = form_fields(&html);
    let downloaded = post_form("/last-ned/profil", &form).await.text();
    let kept: serde_yaml::Value = serde_yaml::from_str(&downloaded).unwrap();
    assert_eq!(
        kept["sami"]["translation"].as_str(),
        Some(folder.to_str().unwrap()),
        "{downloaded}"
    );
    assert_eq!(kept["sami"]["order"].as_str(), Some("norwegian_first"));
    let zip = post_form("/last-ned/pakke", &form).await;
    assert_eq!(zip.status, StatusCode::OK, "{}", zip.text());
    let files = unzip(&zip.body);
    assert_eq!(read_from_folder(&files), Vec::<String>::new());
    let manifest = &files
        .iter()
        .find(|(name, _)| name.ends_with("manifest.json"))
        .unwrap()
        .1;
    let manifest: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    assert_eq!(manifest["awaiting_sami"][0]["number"], "5612", "{manifest}");
    let letter = post_form(
        "/forhandsvis",
        &with(form.clone(), "dokument", "informasjonsbrev-5612"),
    )
    .await;
    assert_eq!(letter.status, StatusCode::OK, "{}", letter.text());
    let text = pdf_text(&letter.body);
    assert!(text.contains("SAMISK VERSJON"), "{text}");
    assert!(!text.contains(marker), "{text}");

    // A batch: the pack is the same.
    let page = post_files("/puljer", &[("profiler", "kt.yaml", yaml.as_bytes())]).await;
    assert!(
        page.text().contains("1 av 1 profiler er klare"),
        "{}",
        page.text()
    );
    let zip = post_form("/puljer/last-ned", &hidden_fields(&page.text())).await;
    assert_eq!(zip.status, StatusCode::OK, "{}", zip.text());
    let packs = unzip(&zip.body);
    let (_, pack) = packs.iter().find(|(n, _)| n.ends_with(".zip")).unwrap();
    assert_eq!(read_from_folder(&unzip(pack)), Vec::<String>::new());
}

/// What a browser sends from the profile form of `html`: each field's value, the checked
/// radio button, each select's chosen option (else its first).
fn form_fields(html: &str) -> Vec<(String, String)> {
    let start = html.find("id=\"profil\">").expect("the profile form");
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    let attribute = |tag: &str, name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[at..at + tag[at..].find('"')?];
        Some(
            value
                .replace("&#x2F;", "/")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        )
    };
    let mut fields = Vec::new();
    for (i, _) in form.match_indices('<') {
        let tag = &form[i..i + form[i..].find('>').unwrap() + 1];
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        if tag.starts_with("<input") {
            if attribute(tag, "type").as_deref() == Some("radio") && !tag.contains(" checked") {
                continue;
            }
            fields.push((name, attribute(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("<select") {
            let options = &form[i..i + form[i..].find("</select>").unwrap()];
            let chosen = options
                .split("<option")
                .skip(1)
                .find(|o| o.contains(" selected"))
                .or_else(|| options.split("<option").nth(1))
                .unwrap();
            fields.push((name, attribute(chosen, "value").unwrap()));
        }
    }
    fields
}

/// The hidden fields of a page's form: a batch's download form carries the uploaded bytes.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|part| {
            let (name, rest) = part.split_once('"').unwrap();
            let value = rest.split("value=\"").nth(1).unwrap().split('"').next();
            (name.to_owned(), value.unwrap().replace("&#x2F;", "/"))
        })
        .collect()
}

/// Every file of a zip, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().into_owned(), bytes)
        })
        .collect()
}
