//! The web page (`serve`, issue 13) in a real browser: Debian's `chromium` driven through
//! `chromium-driver` (WebDriver), with axe-core checked on every page state.
//!
//! `.ci/run` installs chromium, chromium-driver and axe-core and sets
//! `DIGISOS_REQUIRE_BROWSER`, so there the test always runs; on a machine without them the
//! README's `cargo test` still passes, and says that it left the browser out. Each step's
//! screenshot is written to `<target>/tmp/serve-browser/`.

use crate::util::*;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::serve::{Options, Server};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

/// What the test needs from the machine, or `None` (with a note) where it may be left out.
fn tools() -> Option<PathBuf> {
    let axe = std::env::var_os("DIGISOS_AXE").map_or_else(
        || root().join("target/axe/node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    let found = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    // Debian's chromium-driver finds Debian's chromium by itself.
    let ready = found("chromium") && found("chromedriver") && axe.is_file();
    if !ready {
        assert!(
            std::env::var_os("DIGISOS_REQUIRE_BROWSER").is_none(),
            "DIGISOS_REQUIRE_BROWSER is set, but chromium, chromedriver or {} is missing",
            axe.display()
        );
        eprintln!(
            "note: chromium, chromium-driver or axe-core is not installed, so the browser test of the web page was left out (apt-get install chromium chromium-driver; npm install --prefix target/axe axe-core; .ci/run always runs it)"
        );
        return None;
    }
    Some(axe)
}

struct Browser {
    client: Client,
    base: String,
    axe: String,
    shots: PathBuf,
    downloads: PathBuf,
    step: usize,
}

impl Browser {
    async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// The element `css` selects, waiting for it; a screenshot of the page where it is
    /// missing is saved as `missing.png`.
    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => {
                if let Ok(png) = self.client.screenshot().await {
                    let _ = std::fs::write(self.shots.join("missing.png"), png);
                }
                panic!("no element {css}: {e}");
            }
        }
    }

    async fn fill(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    async fn value(&self, id: &str) -> String {
        self.find(&format!("#{id}"))
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Runs axe-core on the page as it is now and fails on any violation; then saves a
    /// screenshot named after the state.
    async fn check(&mut self, state: &str) {
        let script = format!(
            "{}\nreturn axe.run(document, {{ iframes: false }}).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));",
            self.axe
        );
        let result = self.client.execute(&script, Vec::new()).await.unwrap();
        let violations: Vec<String> = result
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect();
        self.step += 1;
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(
            self.shots.join(format!("{:02}-{state}.png", self.step)),
            png,
        )
        .unwrap();
        assert!(violations.is_empty(), "axe on «{state}»: {violations:#?}");
    }

    /// Fills every field the register cannot know, as a municipality's staff would.
    async fn fill_required(&self) {
        for (id, text) in [
            ("f-municipality-signatory-name", "Ola Eksempelsen"),
            ("f-municipality-privacy-officer-name", "Kari Prøvesen"),
            (
                "f-municipality-privacy-officer-email",
                "personvernombud@example.no",
            ),
            ("f-municipality-contact-name", "Per Testesen"),
            ("f-municipality-contact-email", "per.testesen@example.no"),
            ("f-nav-office-address", "Kjørboveien 20, 1337 Sandvika"),
            ("f-nav-office-phone", "55 55 33 33"),
            ("f-case-system-vendor", "Visma"),
            ("f-case-system-product", "Visma Flyt Sosial"),
        ] {
            self.fill(id, text).await;
        }
    }

    /// Waits until the preview frame holds a PDF.
    async fn frame_shows_pdf(&self) {
        let script = "const f = document.getElementById('forhandsvisning'); return f && f.contentDocument ? f.contentDocument.contentType : '';";
        for _ in 0..600 {
            let shown = self.client.execute(script, Vec::new()).await.unwrap();
            if shown == "application/pdf" {
                // Show the frame, and let the viewer draw the first page, for the screenshot.
                let show = "document.getElementById('forhandsvisning').scrollIntoView();";
                self.client.execute(show, Vec::new()).await.unwrap();
                tokio::time::sleep(Duration::from_secs(2)).await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the preview frame shows no PDF");
    }

    /// Waits for a finished download named `name`.
    async fn download(&self, name: &str) -> PathBuf {
        let path = self.downloads.join(name);
        for _ in 0..600 {
            let partial = std::fs::read_dir(&self.downloads).unwrap().any(|e| {
                e.unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "crdownload")
            });
            if path.is_file() && !partial {
                return path;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{name} was not downloaded");
    }
}

/// Starts chromium-driver on a free port and waits until it answers.
fn start_driver() -> (Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (child, port);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("chromedriver did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_in_a_browser_from_the_register_to_a_verified_pack() {
    let Some(axe) = tools() else {
        return;
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-browser");
    let _ = std::fs::remove_dir_all(&out);
    let downloads = out.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();

    let options = Options {
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        renders: 2,
        today: || chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    };
    let server = Server::bind(Arc::new(Pipeline::builtin().unwrap()), &options)
        .await
        .unwrap();
    let base = format!("http://{}", server.address().unwrap());
    tokio::spawn(server.run());

    let (mut driver, port) = start_driver();
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1600", "--lang=nb"],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false
            }
        }
    });
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap();
    let mut b = Browser {
        client,
        base,
        axe: std::fs::read_to_string(axe).unwrap(),
        shots: out.clone(),
        downloads,
        step: 0,
    };

    // 1. Find Bærum in the register.
    b.goto("/").await;
    b.check("forside").await;
    b.fill("kommune", "Atlantis").await;
    b.click("form[action='/profil'] button").await;
    b.find("#kommune-feil").await;
    b.check("forside-ukjent-kommune").await;
    b.fill("kommune", "Bærum").await;
    b.click("form[action='/profil'] button").await;
    assert_eq!(b.value("f-municipality-org-number").await, "935478715");
    b.check("skjema-fra-registeret").await;

    // 2. Fill in the required fields with a wrong organisation number: the error is at
    // the field and in the summary.
    b.fill_required().await;
    b.fill("f-municipality-org-number", "935478716").await;
    b.click("button[value='kontroller']").await;
    let error = b
        .find("#f-municipality-org-number-feil")
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("935478716"), "{error}");
    b.find("#feiloppsummering a[href='#f-municipality-org-number']")
        .await;
    b.check("feil-organisasjonsnummer").await;

    // 3. Fix it: the profile is valid and the documents are listed.
    b.fill("f-municipality-org-number", "935478715").await;
    b.click("button[value='kontroller']").await;
    b.find(".kvittering").await;
    b.check("uten-feil").await;

    // 4. Preview the data processing agreement in the page.
    b.click("button[value='databehandleravtale-3201']").await;
    b.frame_shows_pdf().await;
    b.check("forhandsvisning-databehandleravtale").await;

    // 5. Download the pack and verify it against its manifest.
    b.click("button[formaction='/last-ned/pakke']").await;
    let zip = b.download("3201-baerum.zip").await;
    let verified = digisos_pakke::pack::verify(&zip).unwrap();
    assert!(verified.findings.is_empty(), "{:?}", verified.findings);
    assert!(verified.manifest.files.len() > 6);

    // 6. A host model with two members from the register.
    b.goto("/profil?kommune=3201").await;
    b.click("#f-cooperation-model-host_with_transfer").await;
    b.click("button[value='bytt-modell']").await;
    b.fill("f-cooperation-members", "Asker").await;
    b.click("button[value='legg-til-medlem']").await;
    // The page with the first member: the field to add one is on the page before too, and
    // filling that one as the page goes makes it stale.
    b.find("#f-cooperation-members-0-name").await;
    b.fill("f-cooperation-members", "3205").await;
    b.click("button[value='legg-til-medlem']").await;
    assert_eq!(b.value("f-cooperation-members-1-number").await, "3205");
    assert_eq!(b.value("f-cooperation-members-0-name").await, "Asker");
    b.fill_required().await;
    b.click("button[value='kontroller']").await;
    b.find(".kvittering").await;
    b.check("vertskommune-med-to-medlemmer").await;

    // 7. Hostile profiles: shown literally, or refused as on the command line.
    let hostile = root().join("tests/fixtures/hostile");
    b.goto("/").await;
    b.find("#profilfil")
        .await
        .send_keys(hostile.join("17-html-script.yaml").to_str().unwrap())
        .await
        .unwrap();
    b.click("form[action='/profil/last-opp'] button").await;
    assert_eq!(
        b.value("f-nav-office-name").await,
        "<script>alert('x')</script>"
    );
    assert!(b.client.get_alert_text().await.is_err(), "a script ran");
    b.check("fiendtlig-profil-vist").await;
    b.goto("/").await;
    b.find("#profilfil")
        .await
        .send_keys(hostile.join("27-nul.yaml").to_str().unwrap())
        .await
        .unwrap();
    b.click("form[action='/profil/last-opp'] button").await;
    b.find("#feiloppsummering").await;
    b.check("fiendtlig-profil-avvist").await;

    // 8. A batch: the summary table.
    b.goto("/puljer").await;
    b.check("pulje").await;
    let files = [example_path("single"), example_path("board")]
        .map(|p| p.to_str().unwrap().to_owned())
        .join("\n");
    b.find("#profilfiler")
        .await
        .send_keys(&files)
        .await
        .unwrap();
    b.click("form[action='/puljer'] button").await;
    let heading = b.find("#oversikt").await.text().await.unwrap();
    assert!(heading.contains("2 av 2"), "{heading}");
    b.check("pulje-oversikt").await;

    b.client.close().await.unwrap();
    let _ = driver.kill();
    let _ = driver.wait();
}
