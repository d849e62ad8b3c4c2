//! The browser's end of `/ws`: one socket per tab, reconnecting with backoff and resuming from
//! the last sequence number it saw. The console subscribes with [`connect`], other live
//! screens (the dashboard) with [`subscribe`]. Also the other browser-only pieces of the
//! console: notifications and the upload with progress. Without `hydrate` these do nothing.

use super::state::Console;
pub use super::state::Link;
use crate::wire::realtime::{ClientFrame, ServerFrame};
use leptos::prelude::RwSignal;
use std::rc::Rc;

/// A screen listening to `/ws`: its link indicator, what it does with each frame, and the
/// address to come back to after signing in again.
#[derive(Clone)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Subscriber {
    pub link: RwSignal<Link>,
    pub apply: Rc<dyn Fn(ServerFrame)>,
    pub back_to: &'static str,
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::state::Link;
    use super::Subscriber;
    use crate::wire::realtime::{ClientFrame, ServerFrame};
    use leptos::prelude::{IsDisposed, Set};
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{CloseEvent, MessageEvent, WebSocket};

    #[derive(Default)]
    struct Link_ {
        socket: Option<WebSocket>,
        epoch: Option<String>,
        seq: u64,
        attempt: u32,
    }

    thread_local! {
        static LINK: RefCell<Link_> = RefCell::new(Link_::default());
    }

    pub fn send(frame: &ClientFrame) {
        let Ok(text) = serde_json::to_string(frame) else {
            return;
        };
        LINK.with(|l| {
            if let Some(socket) = &l.borrow().socket {
                if socket.ready_state() == WebSocket::OPEN {
                    let _ = socket.send_with_str(&text);
                }
            }
        });
    }

    pub fn connect(screen: Subscriber) {
        // A retry scheduled before the agent left the screen finds it gone.
        if screen.link.is_disposed() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let scheme = if location.protocol().ok().as_deref() == Some("https:") {
            "wss"
        } else {
            "ws"
        };
        let host = location.host().unwrap_or_default();
        let resume = LINK.with(|l| {
            let l = l.borrow();
            l.epoch
                .as_ref()
                .map(|e| format!("?resume={e}:{}", l.seq))
                .unwrap_or_default()
        });
        screen.link.set(Link::Connecting);
        let Ok(socket) = WebSocket::new(&format!("{scheme}://{host}/ws{resume}")) else {
            retry(screen);
            return;
        };
        let listener = screen.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            let Ok(frame) = serde_json::from_str::<ServerFrame>(&text) else {
                return;
            };
            LINK.with(|l| {
                let mut l = l.borrow_mut();
                l.attempt = 0;
                match &frame {
                    ServerFrame::Hello { epoch, seq, .. } => {
                        l.epoch = Some(epoch.clone());
                        l.seq = *seq;
                    }
                    other => {
                        if let Some(s) = other.seq() {
                            l.seq = l.seq.max(s);
                        }
                    }
                }
            });
            if !listener.link.is_disposed() {
                (listener.apply)(frame);
            }
        });
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            LINK.with(|l| l.borrow_mut().socket = None);
            if screen.link.is_disposed() {
                return;
            }
            screen.link.set(Link::Down);
            match event.code() {
                // Signed out (expired, disabled): the login page, then back here.
                4001 => {
                    if let Some(w) = web_sys::window() {
                        let _ = w
                            .location()
                            .set_href(&crate::domain::session::login_url(screen.back_to));
                    }
                }
                // Fell behind: the resume point is useless.
                4002 => {
                    LINK.with(|l| l.borrow_mut().epoch = None);
                    retry(screen.clone());
                }
                _ => retry(screen.clone()),
            }
        });
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        on_close.forget();
        LINK.with(|l| l.borrow_mut().socket = Some(socket));
    }

    /// Closes the socket for good: the agent left the inbox for another screen. The resume
    /// point is kept, so coming back resumes where this one stopped.
    pub fn disconnect() {
        if let Some(socket) = LINK.with(|l| l.borrow_mut().socket.take()) {
            socket.set_onmessage(None);
            socket.set_onclose(None);
            let _ = socket.close();
        }
    }

    fn retry(screen: Subscriber) {
        let attempt = LINK.with(|l| {
            let mut l = l.borrow_mut();
            l.attempt += 1;
            l.attempt
        });
        // 0.5 s, 1 s, 2 s … up to 15 s, with jitter so a restarted server is not stampeded.
        let base = (500u64 << attempt.min(5)).min(15_000);
        let jitter = (js_sys::Math::random() * 400.0) as u64;
        leptos::prelude::set_timeout(
            move || connect(screen),
            std::time::Duration::from_millis(base + jitter),
        );
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn notify(title: &str, body: &str, open: bool) {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.hidden())
            .unwrap_or(false);
        if open && !hidden {
            return;
        }
        if web_sys::Notification::permission() == web_sys::NotificationPermission::Granted {
            let options = web_sys::NotificationOptions::new();
            options.set_body(body);
            options.set_tag("buzon");
            let _ = web_sys::Notification::new_with_options(title, &options);
        }
        if let Ok(audio) = web_sys::HtmlAudioElement::new_with_src("/notify.wav") {
            let _ = audio.play();
        }
    }

    pub fn ask_notifications(done: impl Fn(bool) + 'static) {
        if let Ok(promise) = web_sys::Notification::request_permission() {
            let cb = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
                move |v: wasm_bindgen::JsValue| {
                    done(v.as_string().as_deref() == Some("granted"));
                },
            );
            let _ = promise.then(&cb);
            cb.forget();
        }
    }

    /// POSTs a file with progress (0–100) and calls `done` with the answer's status and body.
    pub fn upload(
        url: &str,
        file: web_sys::File,
        progress: impl Fn(u32) + 'static,
        done: impl Fn(u16, String) + 'static,
    ) {
        let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
            done(0, String::new());
            return;
        };
        if xhr.open("POST", url).is_err() {
            done(0, String::new());
            return;
        }
        let mime = file.type_();
        let _ = xhr.set_request_header(
            "content-type",
            if mime.is_empty() {
                "application/octet-stream"
            } else {
                &mime
            },
        );
        if let Ok(upload) = xhr.upload() {
            let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(
                move |e: web_sys::ProgressEvent| {
                    if e.length_computable() && e.total() > 0.0 {
                        progress(((e.loaded() / e.total()) * 100.0) as u32);
                    }
                },
            );
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
            on_progress.forget();
        }
        let request = xhr.clone();
        let on_end = Closure::<dyn FnMut()>::new(move || {
            done(
                request.status().unwrap_or(0),
                request.response_text().ok().flatten().unwrap_or_default(),
            );
        });
        xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
        on_end.forget();
        let _ = xhr.send_with_opt_blob(Some(&file));
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{ask_notifications, upload};

/// Connects the console to `/ws` (in the browser).
pub fn connect(console: Console) {
    subscribe(Subscriber {
        link: console.link,
        apply: Rc::new(move |frame| console.apply(frame)),
        back_to: "/",
    });
}

/// Connects a live screen to `/ws` (in the browser). One screen at a time: the screen calls
/// [`disconnect`] when it goes.
pub fn subscribe(screen: Subscriber) {
    #[cfg(feature = "hydrate")]
    browser::connect(screen);
    #[cfg(not(feature = "hydrate"))]
    let _ = screen;
}

/// Closes the socket (leaving the inbox or the dashboard).
pub fn disconnect() {
    #[cfg(feature = "hydrate")]
    browser::disconnect();
}

/// Sends a frame if the socket is open; live signals are best-effort by nature.
pub fn send(frame: &ClientFrame) {
    #[cfg(feature = "hydrate")]
    browser::send(frame);
    #[cfg(not(feature = "hydrate"))]
    let _ = frame;
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn notify(title: &str, body: &str, open: bool) {
    #[cfg(feature = "hydrate")]
    browser::notify(title, body, open);
    #[cfg(not(feature = "hydrate"))]
    let _ = (title, body, open);
}
