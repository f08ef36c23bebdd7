//! The pivot server's routes: one per example of Kazoo's pivot docs and the
//! Pivot talk, each answering with a callflow built from typed actions and
//! checked before it leaves. `tests/pivot_http.rs` includes this file to
//! test the same router over real HTTP.

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::get;
use kazoo_callflows::Flow;
use kazoo_callflows::actions::{
    CollectDtmf, Conference, Device, ManualPresence, ManualPresenceStatus, Pivot, PivotReqFormat,
    Play, Resources, RingGroup, RingGroupEndpoint, RingGroupEndpointEndpointType, Tts, User,
    Voicemail,
};
use kazoo_callflows::pivot::{PivotRequest, PivotResponse, RequestError};
use kazoo_callflows::validate::{ClientBlacklist, Options};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The largest request body accepted; Kazoo's are well under 1 kB.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The collection `/collect` gathers and `/collected` reads.
pub const COLLECTION: &str = "custom_name";

/// A moment of the week in the server's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekTime {
    /// 0 for Monday … 6 for Sunday.
    pub weekday: u8,
    /// Minutes since midnight.
    pub minute: u16,
}

impl WeekTime {
    /// Monday to Friday, 09:00 to 17:00.
    pub fn is_business_hours(self) -> bool {
        self.weekday < 5 && (9 * 60..17 * 60).contains(&self.minute)
    }
}

/// What time it is; tests pass a fixed one.
pub type Clock = Arc<dyn Fn() -> WeekTime + Send + Sync>;

/// Where the routes send calls when the request does not say.
#[derive(Clone)]
pub struct Config {
    /// This server's URL as Kazoo reaches it (for `/collect`'s pivot back).
    pub public_url: String,
    /// `/mp3` plays this.
    pub mp3_url: String,
    /// `/user`.
    pub user_id: Option<String>,
    /// `/device` and `/tod` in business hours.
    pub device_id: Option<String>,
    /// `/ring_group`: endpoint type and id.
    pub ring_group: Vec<(RingGroupEndpointEndpointType, String)>,
    /// `/conference`.
    pub conference_id: Option<String>,
    /// `/tod`.
    pub voicemail_id: Option<String>,
    /// `/presence`.
    pub presence_id: Option<String>,
    /// `/carrier` dials this number.
    pub carrier_did: String,
    /// `/greet`: caller number → name.
    pub directory: BTreeMap<String, String>,
    /// `/tod`.
    pub clock: Clock,
    /// The client-URL blacklists of the Kazoo this server answers (its
    /// `kazoo_web` settings `client.blacklist.cidrs` / `.hosts`): the pivot
    /// `voice_url` `/collect` sends is checked against them.
    pub client_blacklist: ClientBlacklist,
}

impl Config {
    /// Defaults for a server reached at `public_url`, telling time with
    /// `clock`: nothing to bridge to until ids are given.
    pub fn new(public_url: impl Into<String>, clock: Clock) -> Config {
        Config {
            public_url: public_url.into(),
            mp3_url: String::from("https://media.example.com/hello.mp3"),
            user_id: None,
            device_id: None,
            ring_group: Vec::new(),
            conference_id: None,
            voicemail_id: None,
            presence_id: None,
            carrier_did: String::from("+14155550000"),
            directory: BTreeMap::from([
                (String::from("+14155550100"), String::from("Alice")),
                (String::from("+14155550101"), String::from("Bob")),
            ]),
            clock,
            client_blacklist: ClientBlacklist::kazoo_default(),
        }
    }

    /// A warning when Kazoo (with its default client-URL blacklists) would
    /// refuse the pivot URLs this server sends, built from its public URL.
    pub fn public_url_warning(&self) -> Option<String> {
        let probe = format!("{}/collected", self.public_url.trim_end_matches('/'));
        if ClientBlacklist::kazoo_default().allows(&probe) {
            return None;
        }
        let allowed = if self.client_blacklist.allows(&probe) {
            "this server was told (--client-blacklist-*) that your Kazoo allows it"
        } else {
            "until then /collect answers with its fallback"
        };
        Some(format!(
            "pivot_server: warning: the public URL {} is a loopback or blacklisted address: \
             Kazoo with default settings refuses callflows whose pivot voice_url points there \
             (\"invalid client URL\"). Pass --public-url with an http(s) address Kazoo can reach, \
             or change Kazoo's system config kazoo_web client.blacklist.cidrs and \
             client.blacklist.hosts and pass the same lists here with --client-blacklist-cidrs \
             and --client-blacklist-hosts; {allowed}.",
            self.public_url
        ))
    }
}

type Shared = State<Arc<Config>>;
type Answer = Result<PivotResponse, RequestError>;

/// Every route, answering GET and POST, with the body limit.
pub fn router(config: Config) -> Router {
    Router::new()
        .route("/hello", get(hello).post(hello))
        .route("/greet", get(greet).post(greet))
        .route("/mp3", get(mp3).post(mp3))
        .route("/user", get(user).post(user))
        .route("/device", get(device).post(device))
        .route("/ring_group", get(ring_group).post(ring_group))
        .route("/conference", get(conference).post(conference))
        .route("/carrier", get(carrier).post(carrier))
        .route("/collect", get(collect).post(collect))
        .route("/collected", get(collected).post(collected))
        .route("/presence", get(presence).post(presence))
        .route("/tod", get(tod).post(tod))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(Arc::new(config))
}

/// Sends `flow` if it is valid (with the server's client-URL blacklists,
/// as Kazoo configured like it checks), otherwise logs why and apologises.
fn respond(config: &Config, route: &str, flow: Flow) -> PivotResponse {
    let options = Options {
        client_blacklist: config.client_blacklist.clone(),
        ..Options::default()
    };
    PivotResponse::checked_with(flow, &options, |errors| {
        for e in errors.errors() {
            eprintln!("pivot_server {route}: invalid response, sending the fallback: {e}");
        }
        fallback()
    })
}

/// What a caller hears when a handler built an invalid callflow.
pub fn fallback() -> Flow {
    Flow::new(Tts::new("Sorry, something went wrong. Goodbye."))
}

/// A 400 for a bad query parameter.
fn bad_param(name: &str, message: impl Into<String>) -> RequestError {
    RequestError::Field {
        field: name.to_string(),
        message: message.into(),
    }
}

/// A Kazoo document id (32 lowercase hex digits) from the query parameter
/// `name`, or else the configured one.
fn kazoo_id(
    req: &PivotRequest,
    name: &str,
    configured: Option<&String>,
) -> Result<String, RequestError> {
    let id = req
        .param(name)
        .or(configured.map(String::as_str))
        .ok_or_else(|| {
            bad_param(
                name,
                "missing: give it in the voice_url's query or the server's options",
            )
        })?;
    if id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(id.to_string())
    } else {
        Err(bad_param(
            name,
            format!("`{id}` is not a Kazoo id (32 lowercase hex digits)"),
        ))
    }
}

async fn hello(State(config): Shared, _: PivotRequest) -> PivotResponse {
    respond(&config, "/hello", Flow::new(Tts::new("Hello caller")))
}

async fn greet(State(config): Shared, req: PivotRequest) -> PivotResponse {
    let from_name = req
        .caller_id_name
        .as_deref()
        .and_then(|n| n.split_whitespace().next());
    let from_directory = || {
        req.caller_id_number
            .as_ref()
            .and_then(|number| config.directory.get(number))
            .map(String::as_str)
    };
    let text = match from_name.or_else(from_directory) {
        Some(name) => format!("Hi {}", name.chars().take(50).collect::<String>()),
        None => String::from("Hi there"),
    };
    respond(&config, "/greet", Flow::new(Tts::new(text)))
}

async fn mp3(State(config): Shared, _: PivotRequest) -> PivotResponse {
    respond(
        &config,
        "/mp3",
        Flow::new(Play::new().with_id(config.mp3_url.clone())),
    )
}

async fn user(State(config): Shared, req: PivotRequest) -> Answer {
    let id = kazoo_id(&req, "user_id", config.user_id.as_ref())?;
    Ok(respond(
        &config,
        "/user",
        Flow::new(User::new().with_id(id)),
    ))
}

async fn device(State(config): Shared, req: PivotRequest) -> Answer {
    let id = kazoo_id(&req, "device_id", config.device_id.as_ref())?;
    Ok(respond(
        &config,
        "/device",
        Flow::new(Device::new().with_id(id)),
    ))
}

/// `?endpoints=device:ID,user:ID,group:ID`, or the configured endpoints.
async fn ring_group(State(config): Shared, req: PivotRequest) -> Answer {
    let endpoints = match req.param("endpoints") {
        Some(list) => list
            .split(',')
            .map(|item| {
                let (kind, id) = item
                    .split_once(':')
                    .ok_or_else(|| bad_param("endpoints", format!("`{item}` is not TYPE:ID")))?;
                let kind = kind
                    .parse::<RingGroupEndpointEndpointType>()
                    .map_err(|e| bad_param("endpoints", e.to_string()))?;
                Ok((kind, id.to_string()))
            })
            .collect::<Result<Vec<_>, RequestError>>()?,
        None => config.ring_group.clone(),
    };
    if endpoints.is_empty() {
        return Err(bad_param(
            "endpoints",
            "missing: give TYPE:ID,… in the voice_url's query",
        ));
    }
    let endpoints = endpoints
        .into_iter()
        .map(|(kind, id)| RingGroupEndpoint::new(kind, id));
    Ok(respond(
        &config,
        "/ring_group",
        Flow::new(RingGroup::new(endpoints)),
    ))
}

async fn conference(State(config): Shared, req: PivotRequest) -> Answer {
    let id = kazoo_id(&req, "conference_id", config.conference_id.as_ref())?;
    Ok(respond(
        &config,
        "/conference",
        Flow::new(Conference::new().with_id(id)),
    ))
}

async fn carrier(State(config): Shared, _: PivotRequest) -> PivotResponse {
    let resources = Resources::new()
        .with_use_local_resources(false)
        .with_to_did(config.carrier_did.clone());
    respond(&config, "/carrier", Flow::new(resources))
}

async fn collect(State(config): Shared, _: PivotRequest) -> PivotResponse {
    let voice_url = format!("{}/collected", config.public_url.trim_end_matches('/'));
    let flow = Flow::new(Tts::new("Please enter up to four digits."))
        .then(
            CollectDtmf::new()
                .with_max_digits(4)
                .with_collection_name(COLLECTION),
        )
        // Without `req_format: kazoo`, Kazoo sends TwiML field names
        // (`CallerName`, …) to the pivot it makes (`pivot_call:init/3`).
        .then(Pivot::new(voice_url).with_req_format(PivotReqFormat::Kazoo));
    respond(&config, "/collect", flow)
}

async fn collected(State(config): Shared, req: PivotRequest) -> PivotResponse {
    let typed = req
        .digits
        .as_ref()
        .and_then(|d| d.collected(COLLECTION))
        .filter(|d| d.len() <= 32 && d.bytes().all(|b| b"0123456789*#ABCD".contains(&b)));
    let text = match typed {
        Some(digits) => format!("You typed {digits}"),
        None => String::from("We didn't get that"),
    };
    respond(&config, "/collected", Flow::new(Tts::new(text)))
}

/// `?presence_id=…&status=idle|ringing|busy`.
async fn presence(State(config): Shared, req: PivotRequest) -> Answer {
    let presence_id = req
        .param("presence_id")
        .or(config.presence_id.as_deref())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| bad_param("presence_id", "missing: give it in the voice_url's query"))?;
    let mut action = ManualPresence::new(presence_id);
    if let Some(status) = req.param("status") {
        let status = status
            .parse::<ManualPresenceStatus>()
            .map_err(|e| bad_param("status", e.to_string()))?;
        action = action.with_status(status);
    }
    Ok(respond(&config, "/presence", Flow::new(action)))
}

/// The device in business hours, then voicemail; voicemail after hours.
async fn tod(State(config): Shared, req: PivotRequest) -> Answer {
    let voicemail = Voicemail::new().with_id(kazoo_id(
        &req,
        "voicemail_id",
        config.voicemail_id.as_ref(),
    )?);
    let flow = if (config.clock)().is_business_hours() {
        let device_id = kazoo_id(&req, "device_id", config.device_id.as_ref())?;
        Flow::new(Device::new().with_id(device_id).with_timeout(20)).then(voicemail)
    } else {
        Flow::new(voicemail)
    };
    Ok(respond(&config, "/tod", flow))
}
