//! The message boundary between the page and the analysis engine, which runs in a Web Worker
//! so that no paste (an alias bomb, a 5 MB file) can freeze the page's thread.
//!
//! One WebAssembly module for both (size budget: the engine's code is fetched and compiled
//! once, with the page): the page never calls the core's `build`, the worker does. The
//! worker is a module worker, `static/podplay-worker-loader.js`; the page hands it the
//! compiled module and the URL of its wasm-bindgen glue, and the worker's copy of
//! `crate::start` runs [`serve`]. This module is the only code that knows about the messages:
//!
//! | direction | message (`v` = [`MESSAGE_VERSION`]) |
//! |---|---|
//! | page → worker, first | `{v, glue, module}`: read by the loader, which starts the module |
//! | worker → page, once loaded | `{v, ready: true}` |
//! | page → worker | `{v, id, text, version, namespace, settings, timeline, simulated, context}` (`settings`: [`Settings::to_flags`]; `timeline`: the `TimelineOptions`, `simulated`: the `SimulatedValues`, each as JSON; `context`: the cluster context panel's text) |
//! | worker → page | `{v, id, report, ms, redacted, leftOut, unchecked}`: the Report as JSON (without `admit.result`), the core's time, and what a share link leaves out of the text (`crate::redact`: the redacted text if anything was left out, where each value was, one a line; whether the text could not be checked) |
//! | worker → page, on a panic | `{v, panic}`: the message, just before the worker dies |
//!
//! The page sends one request at a time. A newer request supersedes a running one (the worker
//! is terminated and restarted: a busy worker cannot be interrupted), and a request still
//! running after [`DEADLINE_MS`] is stopped the same way, with a message that says why.

pub(crate) mod read_json;

use crate::state::{run_analysis, Settings};
use js_sys::{Object, Reflect};
use podplay_core::pipeline::AdmitResult;
use podplay_core::Report;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The message format; a worker and a page from different builds never meet (same `dist/`),
/// but a changed format gets a new number all the same.
pub const MESSAGE_VERSION: u32 = 1;

/// How long one analysis may run before the page stops it (typing is never blocked, but a
/// result this late is no use and the worker would be busy for the next edit).
pub const DEADLINE_MS: u32 = 3_000;

/// The worker's script, relative to the page (works under any sub-path):
/// `static/podplay-worker-loader.js`, which starts the page's own module in the worker.
pub const WORKER_URL: &str = "./podplay-worker-loader.js";

/// The first message to a new worker: the page's compiled WebAssembly module (structured
/// clone: no second download or compilation) and the URL of its wasm-bindgen glue, which
/// Trunk preloads as the page's first `<link rel="modulepreload">`.
fn start_message() -> Option<JsValue> {
    let document = web_sys::window()?.document()?;
    let link = document.query_selector("link[rel=modulepreload]").ok()??;
    // The `href` property is the absolute URL (the worker resolves against its own).
    let glue = get(&link, "href");
    Some(message(&[
        ("glue", glue),
        ("module", wasm_bindgen::module()),
    ]))
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn message(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &"v".into(), &MESSAGE_VERSION.into());
    for (key, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

// ---------------------------------------------------------------------------------------
// The worker's side.

/// Runs in the worker (`src/worker.rs`): answers each request with its Report.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // A panic kills the worker (panic = "abort"); say why first, so the page can show it.
    std::panic::set_hook(Box::new(|info| {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.post_message(&message(&[("panic", info.to_string().into())]));
    }));
    install_bench_hook(&scope);
    install_test_crash_hook(&scope);
    let search = Reflect::get(&scope, &"location".into())
        .and_then(|location| Reflect::get(&location, &"search".into()))
        .ok()
        .and_then(|search| search.as_string())
        .unwrap_or_default();
    let slow_for_tests = search.contains("test=slow");
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if get(&data, "v").as_f64() != Some(f64::from(MESSAGE_VERSION)) {
                return;
            }
            let text = get(&data, "text").as_string().unwrap_or_default();
            let version = get(&data, "version").as_string().unwrap_or_default();
            let namespace = get(&data, "namespace").as_string().unwrap_or_default();
            let mut settings =
                Settings::from_flags(&get(&data, "settings").as_string().unwrap_or_default());
            let timeline = get(&data, "timeline").as_string().unwrap_or_default();
            settings.timeline = read_json::from_str_tagged(&timeline).unwrap_or_default();
            let simulated = get(&data, "simulated").as_string().unwrap_or_default();
            settings.simulated = read_json::from_str(&simulated).unwrap_or_default();
            settings.context = get(&data, "context").as_string().unwrap_or_default();
            if CRASH_NEXT.with(|c| c.replace(false)) {
                panic!("podplayTestCrashNext: a panic on purpose (test hook)");
            }
            let started = js_sys::Date::now();
            if slow_for_tests && text.len() > SLOW_TEST_MIN_LEN {
                // Test-only (`?test=slow` on the page): an engine that outlasts the deadline.
                while js_sys::Date::now() - started < 2.0 * f64::from(DEADLINE_MS) {}
            }
            let mut report = run_analysis(&text, &version, &namespace, settings);
            let ms = js_sys::Date::now() - started;
            // The raw stages are for the CLI; the page never shows them.
            if let Some(admit) = report.admit.as_mut() {
                admit.result = AdmitResult::not_sent();
            }
            let json = serde_json::to_string(&report).unwrap_or_default();
            // What a share link would leave out (the page has no YAML reader of its own).
            let redacted = crate::redact::redact(&text);
            let redacted_text = if redacted.left_out.is_empty() {
                JsValue::UNDEFINED
            } else {
                redacted.text.into()
            };
            let _ = reply_to.post_message(&message(&[
                ("id", get(&data, "id")),
                ("report", json.into()),
                ("ms", ms.into()),
                ("redacted", redacted_text),
                ("leftOut", redacted.left_out.join("\n").into()),
                ("unchecked", redacted.unchecked.into()),
            ]));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&message(&[("ready", true.into())]));
}

/// With `?test=slow` on the page, the worker spins on texts longer than this (bytes) until
/// well past the deadline: the e2e run checks the deadline with it, whatever the machine's
/// speed (the core itself bounds its work, e.g. YAML alias expansion).
const SLOW_TEST_MIN_LEN: usize = 10_000;

thread_local! {
    /// Set by the test-only `podplayTestCrashNext()`: the next request panics.
    static CRASH_NEXT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Test-only: `podplayTestCrashNext()` in the worker's global scope (reachable from a test
/// driver, never from the page) makes the next request panic, so the e2e run can check how
/// the page survives a crashed engine.
fn install_test_crash_hook(scope: &web_sys::DedicatedWorkerGlobalScope) {
    let hook = Closure::<dyn Fn()>::new(|| CRASH_NEXT.with(|c| c.set(true)));
    let _ = Reflect::set(scope, &"podplayTestCrashNext".into(), hook.as_ref());
    hook.forget();
}

/// Exposes `podplayBench(runs)` in the worker's global scope: the average milliseconds
/// `report::build` takes on the example pod after `runs` warm-up runs, for the e2e run's
/// informational measurement (Playwright evaluates it in the worker). Touches nothing else.
fn install_bench_hook(scope: &web_sys::DedicatedWorkerGlobalScope) {
    let bench = Closure::<dyn Fn(u32) -> f64>::new(|runs: u32| {
        let runs = runs.clamp(1, 10_000);
        let version = podplay_core::versions::Version::newest().to_string();
        let run = || run_analysis(crate::state::SEED, &version, "", Settings::default());
        // Warm up first: the browser compiles hot WebAssembly a second time, optimised, and
        // typing is exactly that steady state.
        for _ in 0..runs {
            std::hint::black_box(run());
        }
        let started = js_sys::Date::now();
        for _ in 0..runs {
            std::hint::black_box(run());
        }
        (js_sys::Date::now() - started) / f64::from(runs)
    });
    let _ = Reflect::set(scope, &"podplayBench".into(), bench.as_ref());
    bench.forget();
}

// ---------------------------------------------------------------------------------------
// The page's side.

/// What to analyse.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub text: Rc<str>,
    pub version: String,
    pub namespace: String,
    pub settings: Settings,
}

/// What came of a request.
pub enum Reply {
    Analysed {
        request: Request,
        report: Report,
        /// The core's own time, in the worker.
        elapsed_ms: f64,
        /// What a share link of the request's text leaves out.
        redaction: crate::state::Redaction,
    },
    /// The request was stopped (deadline) or the engine died; `why` is for the person.
    Stopped { request: Request, why: String },
}

/// The page's handle on the engine: keeps one worker, restarts it when needed.
pub struct Engine {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    worker: Option<web_sys::Worker>,
    /// The worker said it is ready (it drops messages until then).
    ready: bool,
    /// Whether any worker ever got ready: one that fails to load is not restarted forever.
    ever_ready: bool,
    next_id: u32,
    /// The request the worker is working on, and its deadline.
    running: Option<(u32, Request, gloo_timers::callback::Timeout)>,
    /// The newest request, waiting for the worker to be ready.
    waiting: Option<Request>,
    /// What the worker said when it panicked.
    panic: Option<String>,
    /// Why the engine cannot run at all (it never loaded); every request gets this answer.
    dead: Option<String>,
    on_reply: Rc<dyn Fn(Reply)>,
    /// The worker's event handlers (dropped with the worker).
    handlers: Vec<Closure<dyn Fn(JsValue)>>,
}

impl Engine {
    /// Starts the worker; `on_reply` gets every reply for the newest request.
    pub fn new(on_reply: impl Fn(Reply) + 'static) -> Engine {
        let inner = Rc::new(RefCell::new(Inner {
            worker: None,
            ready: false,
            ever_ready: false,
            next_id: 0,
            running: None,
            waiting: None,
            panic: None,
            dead: None,
            on_reply: Rc::new(on_reply),
            handlers: Vec::new(),
        }));
        spawn(&inner);
        Engine { inner }
    }

    /// Analyses `request`, superseding any request still running.
    pub fn request(&self, request: Request) {
        let dead = self.inner.borrow().dead.clone();
        if let Some(why) = dead {
            reply(&self.inner, Reply::Stopped { request, why });
            return;
        }
        let busy = self.inner.borrow().running.is_some();
        if busy {
            restart(&self.inner);
        }
        self.inner.borrow_mut().waiting = Some(request);
        send_waiting(&self.inner);
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        if let Some(worker) = self.inner.borrow_mut().worker.take() {
            worker.terminate();
        }
    }
}

/// Hands a reply to the page, with no borrow of the engine held (the page may call back).
fn reply(inner: &Rc<RefCell<Inner>>, reply: Reply) {
    let on_reply = inner.borrow().on_reply.clone();
    on_reply(reply);
}

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Per-request marks go once measured (one measure per analysis stays in the timeline).
fn clear_marks(names: &[&str]) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        for name in names {
            performance.clear_marks_with_mark_name(name);
        }
    }
}

fn measure(name: &str, start: &str, end: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

fn spawn(inner: &Rc<RefCell<Inner>>) {
    // `?test=slow` is handed on to the worker (see `SLOW_TEST_MIN_LEN`).
    let slow = crate::browser::query_param("test").as_deref() == Some("slow");
    let url = if slow {
        format!("{WORKER_URL}?test=slow")
    } else {
        WORKER_URL.to_string()
    };
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let started = start_message().and_then(|start| {
        let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
        worker.post_message(&start).ok()?;
        Some(worker)
    });
    let worker = match started {
        Some(worker) => worker,
        None => {
            let why = "The analysis engine could not start in this browser (Web Workers are blocked). Your text is untouched.".to_string();
            inner.borrow_mut().dead = Some(why.clone());
            fail_running(inner, why);
            return;
        }
    };
    let weak = Rc::downgrade(inner);
    let on_message = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        if let Some(inner) = weak.upgrade() {
            on_message(&inner, get(&event, "data"));
        }
    });
    let weak = Rc::downgrade(inner);
    let on_error = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        // The worker is gone for good (a panic traps it) or could not load.
        if let Some(event) = event.dyn_ref::<web_sys::Event>() {
            event.prevent_default();
        }
        if let Some(inner) = weak.upgrade() {
            on_worker_error(&inner, get(&event, "message").as_string());
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let mut state = inner.borrow_mut();
    state.worker = Some(worker);
    state.ready = false;
    state.panic = None;
    state.handlers = vec![on_message, on_error];
    mark("podplay-engine-start");
}

/// Terminates the worker (dropping what it was doing) and starts a fresh one.
fn restart(inner: &Rc<RefCell<Inner>>) {
    {
        let mut state = inner.borrow_mut();
        if let Some(worker) = state.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        state.running = None;
    }
    spawn(inner);
}

fn send_waiting(inner: &Rc<RefCell<Inner>>) {
    let mut state = inner.borrow_mut();
    if !state.ready || state.running.is_some() {
        return;
    }
    let (Some(worker), Some(request)) = (state.worker.clone(), state.waiting.take()) else {
        return;
    };
    state.next_id = state.next_id.wrapping_add(1);
    let id = state.next_id;
    let sent = worker.post_message(&message(&[
        ("id", id.into()),
        ("text", JsValue::from_str(&request.text)),
        ("version", JsValue::from_str(&request.version)),
        ("namespace", JsValue::from_str(&request.namespace)),
        ("settings", request.settings.to_flags().into()),
        (
            "timeline",
            serde_json::to_string(&request.settings.timeline)
                .unwrap_or_default()
                .into(),
        ),
        (
            "simulated",
            serde_json::to_string(&request.settings.simulated)
                .unwrap_or_default()
                .into(),
        ),
        ("context", JsValue::from_str(&request.settings.context)),
    ]));
    if sent.is_err() {
        state.waiting = Some(request);
        return;
    }
    mark(&format!("podplay-request-{id}"));
    let weak = Rc::downgrade(inner);
    let deadline = gloo_timers::callback::Timeout::new(DEADLINE_MS, move || {
        if let Some(inner) = weak.upgrade() {
            on_deadline(&inner, id);
        }
    });
    state.running = Some((id, request, deadline));
}

fn on_message(inner: &Rc<RefCell<Inner>>, data: JsValue) {
    if get(&data, "v").as_f64() != Some(f64::from(MESSAGE_VERSION)) {
        return;
    }
    if get(&data, "ready").is_truthy() {
        {
            let mut state = inner.borrow_mut();
            state.ready = true;
            state.ever_ready = true;
        }
        mark("podplay-engine-ready");
        measure(
            "podplay-engine-load",
            "podplay-engine-start",
            "podplay-engine-ready",
        );
        send_waiting(inner);
        return;
    }
    if let Some(panic) = get(&data, "panic").as_string() {
        inner.borrow_mut().panic = Some(panic);
        return;
    }
    let id = get(&data, "id").as_f64();
    let running = {
        let mut state = inner.borrow_mut();
        match &state.running {
            Some((running_id, _, _)) if Some(f64::from(*running_id)) == id => state.running.take(),
            _ => None,
        }
    };
    let Some((id, request, _deadline)) = running else {
        return;
    };
    let (sent, done) = (
        format!("podplay-request-{id}"),
        format!("podplay-response-{id}"),
    );
    mark(&done);
    measure("podplay-analysis", &sent, &done);
    clear_marks(&[&sent, &done]);
    let json = get(&data, "report").as_string().unwrap_or_default();
    let elapsed_ms = get(&data, "ms").as_f64().unwrap_or(0.0);
    let redaction = crate::state::Redaction {
        text: get(&data, "redacted").as_string(),
        left_out: get(&data, "leftOut")
            .as_string()
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect(),
        unchecked: get(&data, "unchecked").is_truthy(),
    };
    let reply = match read_json::from_str::<Report>(&json) {
        Ok(report) => Reply::Analysed {
            request,
            report,
            elapsed_ms,
            redaction,
        },
        Err(error) => Reply::Stopped {
            request,
            why: format!("The engine's answer could not be read ({error}). This is a bug in podplay; your text is untouched."),
        },
    };
    self::reply(inner, reply);
    send_waiting(inner);
}

fn on_deadline(inner: &Rc<RefCell<Inner>>, id: u32) {
    let running = {
        let mut state = inner.borrow_mut();
        match &state.running {
            Some((running_id, _, _)) if *running_id == id => state.running.take(),
            _ => None,
        }
    };
    let Some((_, request, _)) = running else {
        return;
    };
    mark(&format!("podplay-stopped-{id}"));
    restart(inner);
    let seconds = DEADLINE_MS / 1000;
    reply(inner, Reply::Stopped {
        request,
        why: format!(
            "It took longer than {seconds} s, so podplay stopped it to keep the page responsive. \
             Very large documents or YAML aliases that expand many times can do this. Your text is untouched; edit it to try again."
        ),
    });
    send_waiting(inner);
}

fn on_worker_error(inner: &Rc<RefCell<Inner>>, message: Option<String>) {
    let (ever_ready, panic, running) = {
        let mut state = inner.borrow_mut();
        (state.ever_ready, state.panic.take(), state.running.take())
    };
    let detail = panic.or(message).unwrap_or_else(|| "unknown error".into());
    let why = if ever_ready {
        format!("The analysis engine crashed ({detail}). This is a bug in podplay; your text is untouched. Edit it to try again.")
    } else {
        format!("The analysis engine could not load ({detail}). Your text is untouched; reload the page to try again.")
    };
    if ever_ready {
        restart(inner);
    } else {
        // The engine never loaded: restarting would fail the same way.
        let mut state = inner.borrow_mut();
        if let Some(worker) = state.worker.take() {
            worker.terminate();
        }
        state.dead = Some(why.clone());
    }
    match running {
        Some((_, request, _)) => reply(inner, Reply::Stopped { request, why }),
        None => {
            let waiting = inner.borrow_mut().waiting.take();
            if let Some(request) = waiting {
                reply(inner, Reply::Stopped { request, why });
            }
        }
    }
}

fn fail_running(inner: &Rc<RefCell<Inner>>, why: String) {
    let request = {
        let mut state = inner.borrow_mut();
        state
            .running
            .take()
            .map(|(_, r, _)| r)
            .or(state.waiting.take())
    };
    if let Some(request) = request {
        reply(inner, Reply::Stopped { request, why });
    }
}
