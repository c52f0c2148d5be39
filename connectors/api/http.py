"""One HTTP layer for every API connector.

* one shared `requests.Session` with timeouts;
* retries with exponential backoff on 429, 5xx and connection errors, honouring `Retry-After`;
* rate-limit headers respected: `X-RateLimit-Remaining`/`X-RateLimit-Reset` (Mastodon and most
  REST APIs) and Meta's `x-app-usage` / `x-business-use-case-usage` (percent of the quota used);
* pagination as generators (`Link: <…>; rel="next"` and Graph's `paging.next`);
* base URLs and tokens from the environment or `.streamlit/secrets.toml` (`[buergernah]`).

Tokens are never logged and never stored; every error message passes through `redact()`.
"""

from __future__ import annotations

import email.utils
import json
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests

from analytics import config
from analytics.i18n import Message

log = logging.getLogger("buergernah.api")

PROJECT_DIR = Path(__file__).resolve().parents[2]
USER_AGENT = "Buergernah/0.1 (+https://github.com/; engagement analytics for municipalities)"

# Tokens seen by this process; redact() removes every one of them from any text.
_SECRETS: set[str] = set()
_SECRET_PATTERNS = [
    re.compile(r"(?i)(access_token|token|key|client_secret)=([^&\s\"']+)"),
    re.compile(r"(?i)(bearer|oauth)\s+([A-Za-z0-9._~+/=-]{8,})"),
]


def redact(text: object) -> str:
    """`text` with every known token and anything that looks like one replaced by `***`."""
    out = str(text)
    for secret in sorted(_SECRETS, key=len, reverse=True):
        out = out.replace(secret, "***")
    for pattern in _SECRET_PATTERNS:
        out = pattern.sub(lambda m: f"{m.group(1)}{'=' if '=' in m.group(0) else ' '}***", out)
    return out


class RedactSecrets(logging.Filter):
    """Redacts message, arguments and traceback of every record of the logger it is attached to:
    a failed pull's traceback names the paging URL, with its `access_token=…`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


log.addFilter(RedactSecrets())


def register_secret(value: str | None) -> str | None:
    if value:
        _SECRETS.add(value)
    return value


# -- errors -----------------------------------------------------------------------------
class ApiError(Exception):
    """A request that failed for good. `message` (a catalogue Message, or the API's own words as a
    plain one) is redacted and says what to do; `str()` is its German text."""

    def __init__(self, message: str | Message, *, status: int | None = None, code: int | None = None,
                 url: str | None = None):
        self.message = redact_message(message if isinstance(message, Message) else Message.plain(message))
        super().__init__(self.message)
        self.status = status
        self.code = code
        self.url = redact(url) if url else None

    def __str__(self) -> str:
        return redact(super().__str__())


class AuthError(ApiError):
    """401/403 or an expired/invalid token (Graph code 190)."""


class NotFound(ApiError):
    """404: the account or object does not exist (or is not public)."""


class MetricUnavailable(ApiError):
    """A metric the API does not (or no longer) know: Graph error code 100 / "invalid metric"."""


# -- configuration ------------------------------------------------------------------------
def setting(name: str, default: str | None = None, *, secret: bool = False) -> str | None:
    """`BUERGERNAH_<NAME>` from the environment, else `name` in `[buergernah]` of secrets.toml;
    a `secret` is remembered for redaction."""
    value = config.setting(name)
    if value is None:
        return default
    return register_secret(value) if secret else value


def token(name: str, account_id: str | None = None) -> str | None:
    """A token: `[buergernah.tokens] "<account id>"` first, then `<name>_token` / BUERGERNAH_<NAME>_TOKEN."""
    if account_id:
        per_account = config.section().get("tokens", {})
        if isinstance(per_account, dict) and per_account.get(account_id):
            return register_secret(str(per_account[account_id]).strip())
    return setting(f"{name}_token", secret=True)


# -- the client ---------------------------------------------------------------------------
@dataclass
class RateLimitState:
    waits: list[float] = field(default_factory=list)  # every pause, for the summary and tests


class HttpClient:
    """Requests with retries, rate-limit pauses and redacted errors. Share one per pull run."""

    RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

    def __init__(self, *, timeout: tuple[float, float] = (5.0, 30.0), max_retries: int = 4,
                 backoff: float = 1.0, max_wait: float = 300.0, usage_threshold: float = 90.0,
                 usage_pause: float = 60.0, sleep=None, session: requests.Session | None = None):
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.usage_threshold = usage_threshold
        self.usage_pause = usage_pause
        self._sleep = sleep
        self.state = RateLimitState()
        self._pause_until: float | None = None

    # time.sleep looked up at call time so that tests can patch `connectors.api.http.time.sleep`
    def sleep(self, seconds: float) -> None:
        seconds = max(0.0, float(seconds))
        self.state.waits.append(seconds)
        if seconds:
            log.info("warte %.1f s (Ratenbegrenzung)", seconds)
            (self._sleep or time.sleep)(seconds)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------------
    def get(self, url: str, *, params: dict | None = None, headers: dict | None = None) -> requests.Response:
        """GET with retries. Returns a 2xx response; raises ApiError (redacted) otherwise."""
        if self._pause_until is not None:
            remaining = self._pause_until - time.time()
            self._pause_until = None
            if remaining > 0:
                self.sleep(min(remaining, self.max_wait))
        attempt = 0
        while True:
            try:
                response = self.session.get(url, params=params, headers=headers, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt >= self.max_retries:
                    raise ApiError(Message("connector.api.no_connection", host=_host(url),
                                           error=f"{type(exc).__name__}: {exc}"), url=url) from None
                self.sleep(self._backoff(attempt))
                attempt += 1
                continue
            log.debug("GET %s -> %s", redact(response.url), response.status_code)
            if response.status_code in self.RETRY_STATUS and attempt < self.max_retries:
                wait = retry_after(response.headers.get("Retry-After"))
                if wait is None:
                    wait = self._backoff(attempt)
                if wait > self.max_wait:
                    raise ApiError(Message("connector.api.rate_limited", host=_host(url),
                                           status=str(response.status_code), wait=f"{wait:.0f}"),
                                   status=response.status_code, url=url)
                self.sleep(wait)
                attempt += 1
                continue
            if response.ok:
                self._note_rate_limits(response)
                return response
            raise error_for(response)

    def get_json(self, url: str, *, params: dict | None = None, headers: dict | None = None):
        response = self.get(url, params=params, headers=headers)
        try:
            return response.json()
        except ValueError:
            raise ApiError(Message("connector.api.not_json", host=_host(url), status=str(response.status_code)),
                           status=response.status_code, url=url) from None

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff * (2 ** attempt), self.max_wait)

    def _note_rate_limits(self, response: requests.Response) -> None:
        headers = response.headers
        remaining = headers.get("X-RateLimit-Remaining")
        if remaining is not None and remaining.strip().isdigit() and int(remaining) <= 0:
            reset = _parse_reset(headers.get("X-RateLimit-Reset"))
            self._pause_until = reset if reset is not None else time.time() + self.usage_pause
        usage = meta_usage(headers)
        if usage is not None and usage >= self.usage_threshold:
            self._pause_until = time.time() + self.usage_pause

    # -- pagination -------------------------------------------------------------------------
    def paginate_link(self, url: str, *, params: dict | None = None, headers: dict | None = None,
                      max_pages: int = 500) -> Iterator[list]:
        """Pages of a list endpoint that links the next page in `Link: <…>; rel="next"`."""
        next_url: str | None = url
        next_params = params
        for _ in range(max_pages):
            if not next_url:
                return
            response = self.get(next_url, params=next_params, headers=headers)
            page = response.json()
            yield page
            if not page:
                return
            next_url = response.links.get("next", {}).get("url")
            next_params = None  # the link carries every parameter

    def paginate_graph(self, url: str, *, params: dict | None = None, max_pages: int = 200) -> Iterator[dict]:
        """Pages of a Graph API edge (`{"data": […], "paging": {"next": …}}`)."""
        next_url: str | None = url
        next_params = params
        for _ in range(max_pages):
            if not next_url:
                return
            page = self.get_json(next_url, params=next_params)
            yield page
            if not page.get("data"):
                return
            next_url = (page.get("paging") or {}).get("next")
            next_params = None


def retry_after(value: str | None) -> float | None:
    """`Retry-After` in seconds (delta-seconds or an HTTP date), None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _parse_reset(value: str | None) -> float | None:
    """X-RateLimit-Reset as epoch seconds: Mastodon sends an ISO timestamp, others epoch seconds."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        number = float(value)
        return number if number > 1e9 else time.time() + number
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def meta_usage(headers) -> float | None:
    """Highest percentage in Meta's `x-app-usage` / `x-business-use-case-usage` headers."""
    found: list[float] = []
    for name in ("x-app-usage", "x-ad-account-usage", "x-business-use-case-usage"):
        raw = headers.get(name)
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    if key in ("call_count", "total_cputime", "total_time", "acc_id_util_pct") and \
                            isinstance(value, int | float):
                        found.append(float(value))
                    elif isinstance(value, dict | list):
                        stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)
    return max(found) if found else None


def error_for(response: requests.Response) -> ApiError:
    """The ApiError for a failed response, with the API's own message (redacted)."""
    status = response.status_code
    host = _host(response.url)
    message, code = "", None
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):  # Graph and Google: {"error": {"message": …, "code": …}}
            message = str(err.get("message") or "")
            code = err.get("code") if isinstance(err.get("code"), int) else None
        elif isinstance(err, str):  # Mastodon: {"error": "Record not found"}
            message = err
            description = body.get("error_description")
            if description:
                message = f"{message}: {description}"
    if not message:
        message = (response.text or "")[:200].strip() or response.reason or ""
    text = Message.plain(f"{host}: HTTP {status}" + (f" – {message}" if message else ""))  # the API's own words
    if code == 100 and ("metric" in message.lower() or "insights" in message.lower()):
        return MetricUnavailable(text, status=status, code=code, url=response.url)
    if status in (401, 403) or code in (190, 102, 463, 467):
        return AuthError(Message("connector.api.token_expired", error=text),
                         status=status, code=code, url=response.url)
    if status == 404:
        return NotFound(text, status=status, code=code, url=response.url)
    return ApiError(text, status=status, code=code, url=response.url)


def redact_message(message: Message) -> Message:
    """The message with tokens redacted from its values (what an API or an exception said)."""
    def clean(value):
        if isinstance(value, Message):
            return redact_message(value)
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        return redact(value) if isinstance(value, str) else value

    return Message(message.key, **{name: clean(value) for name, value in message.values})


def _host(url: str) -> str:
    match = re.match(r"^[a-z]+://([^/?#]+)", url or "")
    return match.group(1) if match else "API"
