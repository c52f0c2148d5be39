"""The weekly e-mail digest ("Wochen-E-Mail"): on Monday morning every municipality with recipients
gets last ISO week's figures per platform with the change against the week before, the top post,
what is unusual, and a link into the Wochenbericht; recipients who asked for it also get the
previous month's council report as PDF.

* **Compose** (`compose`): figures from `analytics.weekly` (the Wochenbericht's numbers), in the
  recipient's language (`core.digest_recipients.lang`, German by default, or English): texts from the
  catalogue (analytics/i18n.py, `digest.`), metric labels from the registry, numbers, dates and week
  labels from `analytics.fmt`/`weekly`, unknown figures as „unbekannt“/"unknown" (never 0), and the
  attached council report in the same language. One model, rendered as plain text and as HTML with
  inline CSS (no external images, fonts or requests); every text from files or users is HTML-escaped,
  links only for http(s) addresses.
* **Unusual** (see DECISIONLOG.md, 2026-11-30): a platform without any post in the week; a platform
  with data in the 8 weeks before but none (or only some days) this week; a KPI (reach, views,
  interactions, new followers, posts) lower than in every one of the previous 8 complete weeks
  that have a value (at least 4), one sentence per platform.
* **Send** (`run`): SMTP settings `smtp_host`, `smtp_port`, `smtp_starttls`, `smtp_user`,
  `smtp_password`, `smtp_from` (environment `BUERGERNAH_SMTP_…` or `[buergernah]` in secrets.toml).
  One row per town and week in `core.digest_sends`: a run first claims it (status `sending`), sends
  to the recipients not yet delivered, records every accepted message at once, and ends `sent` or
  `failed` with a sentence for an officer (the password redacted): a catalogue Message (`digest.`)
  stored as key and values (`last_error`, analytics/i18n.py's `to_column`), shown in the page's
  language on Verwaltung and Wochen-E-Mail and in `BUERGERNAH_LANG` by the CLI; a sentence stored as
  plain text before is shown as written. A `sent` week is never sent again; a `failed` one is
  retried by every later run (a few tries per run), so nothing is lost silently and nobody gets the
  same week twice.

Nothing here imports Streamlit. Permissions are checked by `connectors/actions.py`.
"""

from __future__ import annotations

import base64
import html
import re
import smtplib
import socket
import ssl
import textwrap
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date

from analytics import access, config, fmt, platforms, weekly
from analytics.i18n import LANGS, Message, from_column, joined, text, to_column
from analytics.metrics import METRICS
from analytics.store import LockedDatabaseError, Store

BERLIN = ZoneInfo("Europe/Berlin")
HISTORY_WEEKS = 8          # the weeks the "unusual" rule compares with
MIN_HISTORY = 4            # complete weeks with a known value it needs
DROP_KPIS = ("reach", "views", "interactions", "followers_gained", "posts")
TRIES_PER_RUN = 2          # delivery attempts per town and week in one run
PAUSE_SECONDS = 5.0        # between two tries
TIMEOUT_SECONDS = 30
STALE_AFTER = timedelta(minutes=30)  # a `sending` claim older than this was interrupted
DEFAULT_PUBLIC_URL = "http://localhost:8501"
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
OFFICERS = "de"  # the language of what officers read where no language is known
STATUS_LABELS = {status: text(f"wochenmail.status.{status}", OFFICERS) for status in ("sent", "failed", "sending")}


def _say(key: str, **values) -> Message:
    """A sentence for officers (the page, the CLI, the schedule, the stored send history), as a
    catalogue Message: German as text, the reader's language through `message_text`."""
    return Message(key, **values)


def _week(week: date) -> Message:
    """The ISO week („KW 47/2026“ / "CW 47/2026"), as `weekly.iso_week_label` in either language."""
    year, number, _ = week.isocalendar()
    return Message("digest.week_label", week=str(number), year=str(year))


class DigestError(ValueError):
    """A recipient or a request the digest cannot take; the message (an analytics.i18n.Message:
    German as text, the reader's language through `message_text`) says why."""


# -- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Smtp:
    host: str | None
    port: int
    starttls: bool
    implicit_tls: bool
    user: str | None
    password: str | None = field(repr=False)
    sender: str | None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def problem(self, lang: str = OFFICERS) -> str | None:
        """A sentence when the settings cannot send anything, else None."""
        found = self.issue()
        return found.text(lang) if found is not None else None

    def issue(self) -> Message | None:
        """`problem` as a Message (stored with a failed send)."""
        missing = [name for name, value in (("smtp_host", self.host), ("smtp_from", self.sender)) if not value]
        if missing:
            settings = missing[0] if len(missing) == 1 else Message("digest.and", first=missing[0], second=missing[1])
            return Message("digest.smtp_missing", settings=settings,
                           variables=", ".join(f"BUERGERNAH_{m.upper()}" for m in missing))
        if self.user and not self.password:
            return Message("digest.smtp_no_password")
        return None


def smtp_settings() -> Smtp:
    """SMTP settings from the environment or secrets.toml. STARTTLS is on by default whenever a user
    is set (a password never travels in clear), unless `smtp_starttls` says otherwise; port 465
    means TLS from the start."""
    user = config.setting("smtp_user") or None
    password = config.setting("smtp_password") or None
    for secret in _encodings(user, password):
        _register_secret(secret)
    explicit = config.setting("smtp_starttls")
    port_text = config.setting("smtp_port")
    starttls = config.flag("smtp_starttls") if explicit not in (None, "") else bool(user)
    try:
        port = int(port_text) if port_text else (587 if starttls else 25)
    except ValueError:
        port = 0
    return Smtp(host=config.setting("smtp_host") or None, port=port, starttls=starttls and port != 465,
                implicit_tls=port == 465, user=user, password=password, sender=config.setting("smtp_from") or None)


def public_url() -> str:
    url = (config.setting("public_url", DEFAULT_PUBLIC_URL) or DEFAULT_PUBLIC_URL).rstrip("/")
    return url if re.match(r"^https?://", url) else DEFAULT_PUBLIC_URL


def week_link(ags: str, week: date) -> str:
    """The shareable link into the app: the Wochenbericht of the town and week."""
    return f"{public_url()}/?{urlencode({'ags': ags, 'week': week.isoformat()})}"


# -- recipients and sends -------------------------------------------------------------------


def recipients(store: Store, towns: Iterable[str] | None = None) -> pd.DataFrame:
    """Recipients (ags, town, email, with_pdf, lang, added_by, added_at), of `towns` if given."""
    frame = store.query_df(
        "SELECT r.ags, coalesce(m.name, r.ags) AS town, r.email, r.with_pdf, coalesce(r.lang, 'de') AS lang, "
        "r.added_by, r.added_at "
        "FROM core.digest_recipients r LEFT JOIN core.municipalities m USING (ags) ORDER BY town, lower(r.email)")
    return frame if towns is None else frame[frame["ags"].isin(list(towns))].reset_index(drop=True)


def sends(store: Store, towns: Iterable[str] | None = None, limit: int = 50) -> pd.DataFrame:
    """The newest sends (one row per town and week), newest week first; `last_error` a Message (None
    when there is none), to be shown in the reader's language."""
    frame = store.query_df(
        "SELECT s.ags, coalesce(m.name, s.ags) AS town, s.week_start, s.status, s.attempts, s.sent_at, "
        "s.recipients, s.last_error, s.updated_at FROM core.digest_sends s LEFT JOIN core.municipalities m USING (ags) "
        "ORDER BY s.week_start DESC, town")
    if towns is not None:
        frame = frame[frame["ags"].isin(list(towns))]
    frame = frame.head(limit).reset_index(drop=True)
    frame["last_error"] = pd.Series([from_column(v) for v in frame["last_error"]], index=frame.index, dtype=object)
    return frame


def check_email(email: str) -> str:
    email = (email or "").strip()
    if not _EMAIL.match(email) or len(email) > 254:
        raise DigestError(Message("digest.bad_email", email=email))
    return email


def add_recipient(store: Store, actor_id: str, ags: str, email: str, with_pdf: bool = False, lang: str = "de") -> str:
    """Add a recipient for a town, or change whether they get the PDF and in which language (`de`,
    `en`) they get the e-mail; audited. Returns the address."""
    email = check_email(email)
    if lang not in LANGS:
        raise DigestError(Message("digest.bad_language", language=lang))
    if not store.query_value("SELECT 1 FROM core.municipalities WHERE ags = ?", [ags]):
        raise DigestError(Message("digest.unknown_ags", ags=ags))
    def body(cur) -> None:
        cur.execute("DELETE FROM core.digest_recipients WHERE ags = ? AND lower(email) = lower(?)", [ags, email])
        cur.execute("INSERT INTO core.digest_recipients (recipient_id, ags, email, with_pdf, added_by, added_at, lang) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [uuid.uuid4().hex, ags, email, bool(with_pdf), actor_id, datetime.now(UTC), lang])
        access.record(cur, actor_id, "digest_recipient_add", ags,
                      {"email": email, "with_pdf": bool(with_pdf), "lang": lang})

    _write(store, body)
    return email


def remove_recipient(store: Store, actor_id: str, ags: str, email: str) -> bool:
    """Remove a recipient of a town; audited. False when there was none."""
    def body(cur) -> bool:
        found = cur.execute("SELECT count(*) FROM core.digest_recipients WHERE ags = ? AND lower(email) = lower(?)",
                            [ags, email.strip()]).fetchone()[0]
        if not found:
            return False
        cur.execute("DELETE FROM core.digest_recipients WHERE ags = ? AND lower(email) = lower(?)", [ags, email.strip()])
        access.record(cur, actor_id, "digest_recipient_remove", ags, {"email": email.strip()})
        return True

    return _write(store, body)


def towns_with_recipients(store: Store) -> list[str]:
    return store.query_df("SELECT DISTINCT ags FROM core.digest_recipients ORDER BY ags")["ags"].tolist()


# -- composing ------------------------------------------------------------------------------


@dataclass
class PlatformBlock:
    name: str
    rows: list[tuple[str, str, str]]  # (label, value, change against the previous week)
    notes: list[str]
    missing: str | None = None        # instead of rows: why there are no figures this week


@dataclass
class TopPost:
    heading: str
    excerpt: str
    figures: str
    url: str | None


@dataclass
class Digest:
    ags: str
    town: str
    week: date
    subject: str
    title: str
    period: str
    intro: str
    unusual: list[str]
    platforms: list[PlatformBlock]
    top: TopPost | None
    link: str
    month: tuple[date, date]          # the council report's period (previous calendar month)
    footer: list[str]
    demo: bool = False                # the database holds demo data: said at the top
    text: str = ""
    html: str = ""
    lang: str = "de"                  # the recipients' language: de | en

    @property
    def week_label(self) -> str:
        return weekly.iso_week_label(self.week, self.lang)

    @property
    def pdf_name(self) -> str:
        folded = self.town
        for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
            folded = folded.replace(old, new)
        folded = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-") or self.ags
        return text("digest.pdf_name", self.lang, town=folded, month=f"{self.month[0]:%Y-%m}")


def report_month(week: date) -> tuple[date, date]:
    """The last complete calendar month before the digest goes out (the Monday after `week`)."""
    first_of_send_month = (week + timedelta(days=7)).replace(day=1)
    end = first_of_send_month - timedelta(days=1)
    return end.replace(day=1), end


def town_name(store: Store, ags: str) -> str:
    name = store.query_value("SELECT name FROM core.municipalities WHERE ags = ?", [ags])
    return str(name).split(",")[0] if name else ags


def _n(value, lang: str = "de") -> str:
    return fmt.number(value, lang, missing=text("digest.unknown", lang))


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def _change(value, old, lang: str = "de") -> str:
    if not (_known(value) and _known(old)):
        return "–"
    delta = int(value) - int(old)
    if delta == 0:
        return "±0"
    change = fmt.signed(delta, lang)
    if old:
        share = fmt.percent(abs(delta) / abs(old), lang)
        change += f" ({'+' if delta >= 0 else '-'}{share})"
    return change


def _below_range(value, history: pd.Series) -> float | None:
    """The lowest of the previous complete weeks when `value` is below it (the rule of the module
    docstring), else None."""
    known = history.dropna()
    if len(known) < MIN_HISTORY or not _known(value) or value >= known.min():
        return None
    return float(known.min())


def _platform(platform: str, frame: pd.DataFrame, week: date, label: str,
              lang: str = "de") -> tuple[PlatformBlock | None, list[str]]:
    """The block of one platform and its unusual items (None when it has no data in 9 weeks), in `lang`."""
    name = platforms.label(platform)
    frame = frame.sort_values("week_start")
    if not frame["days_covered"].gt(0).any():
        return None, []
    by_week = frame.set_index(frame["week_start"].map(lambda d: pd.Timestamp(d).date()))
    row = by_week.loc[week] if week in by_week.index else None
    before = by_week.loc[week - timedelta(days=7)] if week - timedelta(days=7) in by_week.index else None
    history = by_week[(by_week.index < week) & (by_week["days_covered"] == 7)]
    days = 0 if row is None else int(row["days_covered"])
    if days == 0:
        earlier = by_week[(by_week.index < week) & (by_week["days_covered"] > 0)]
        last = weekly.iso_week_label(max(earlier.index), lang) if not earlier.empty else None
        sentence = (text("digest.missing_since", lang, week=label, last=last) if last
                    else text("digest.missing", lang, week=label))
        return PlatformBlock(name, [], [], missing=sentence), [f"{name}: {sentence}"] if last else []
    unusual, notes = [], []
    days_before = 0 if before is None else int(before["days_covered"])
    comparable = days == 7 and days_before == 7
    rows, low = [], []
    for metric_id in weekly.KPI_COLUMNS:
        value = row[metric_id]
        if metric_id != "followers" and not frame[metric_id].notna().any():
            continue  # the platform's exports do not have this figure at all
        old = before[metric_id] if before is not None and comparable else None
        rows.append((METRICS[metric_id].label(lang), _n(value, lang), _change(value, old, lang) if comparable else "–"))
        if metric_id in DROP_KPIS and days == 7 and not (metric_id == "posts" and value == 0):
            lowest = _below_range(value, history[metric_id])
            if lowest is not None:
                low.append((metric_id, value, lowest, int(history[metric_id].notna().sum())))
    if _known(row["posts"]) and int(row["posts"]) == 0:
        unusual.append(text("digest.no_post", lang, platform=name, week=label))
    if low:
        weeks = min(n for *_, n in low)
        figures = ", ".join(text("digest.lower_figure", lang, metric=METRICS[m].label(lang), value=_n(v, lang),
                                 lowest=_n(lo, lang)) for m, v, lo, _ in low)
        unusual.append(text("digest.lower", lang, platform=name, weeks=weeks, figures=figures))
    if days < 7:
        unusual.append(text("digest.few_days", lang, platform=name, days=days))
    if not _known(row["followers"]):
        notes.append(text("digest.followers_unknown", lang))
    else:
        source = row["followers_source"]
        day = fmt.day(row["followers_day"], lang)
        notes.append(text("digest.followers_as_of_source", lang, day=day, source=text(f"digest.source.{source}", lang))
                     if source in ("observed", "entered", "reconstructed") else
                     text("digest.followers_as_of", lang, day=day))
    if not comparable and before is not None:
        which, n = ("this_week", days) if days < 7 else ("last_week", days_before)
        notes.append(text(f"digest.no_change_{which}", lang, n=n))
    return PlatformBlock(name, rows, notes), unusual


def _top_post(store: Store, ags: str, week: date, lang: str = "de") -> TopPost | None:
    posts = weekly.top_posts(store, ags, week, limit=1)
    if posts.empty:
        return None
    post = posts.iloc[0]
    when = pd.Timestamp(post["published_at"]).tz_convert(BERLIN)
    weekday = format_date(when.date(), "EEE", locale=fmt.LOCALES[lang])  # Mo. / Mon
    kind = f" · {post['post_type']}" if _known(post["post_type"]) and str(post["post_type"]).strip() else ""
    heading = text("digest.top_heading", lang, platform=platforms.label(post["platform"]), weekday=weekday,
                   day=fmt.day(when.date(), lang), time=f"{when:%H:%M}", kind=kind)
    message = re.sub(r"\s+", " ", str(post["message"])).strip() if _known(post["message"]) else ""
    excerpt = message if len(message) <= 240 else message[:239].rsplit(" ", 1)[0] + " …"
    figures = " · ".join(f"{text(f'digest.short.{k}', lang)} {_n(post[k], lang)}" for k in ("interactions", "reach", "views"))
    url = str(post["url"]) if _known(post["url"]) and re.match(r"^https?://\S+$", str(post["url"])) else None
    return TopPost(heading, excerpt or text("digest.no_text", lang), figures, url)


def compose(store: Store, ags: str, week: date | None = None, *, now: datetime | None = None,
            lang: str = "de") -> Digest:
    """The digest of `ags` for the ISO week starting `week` (default: the last complete week), in
    `lang` (de, en)."""
    lang = lang if lang in LANGS else "de"
    now = now or datetime.now(UTC)
    week = weekly.week_start(week) if week else weekly.last_complete_week(now.astimezone(BERLIN).date())
    town = town_name(store, ags)
    label = weekly.iso_week_label(week, lang)
    frame = weekly.weekly_metrics(store, ags, week - timedelta(weeks=HISTORY_WEEKS), week)
    blocks, unusual = [], []
    for platform, part in frame.groupby("platform", sort=True):
        block, found = _platform(str(platform), part, week, label, lang)
        if block is not None:
            blocks.append(block)
            unusual += found
    period = f"{fmt.day(week, lang)} – {fmt.day(week + timedelta(days=6), lang)}"
    if not blocks:
        intro = text("digest.intro_empty", lang, town=town, week=label, n=HISTORY_WEEKS)
    else:
        intro = text("digest.intro", lang, town=town, week=label) + ("" if unusual else text("digest.intro_calm", lang))
    count = text("digest.count_one" if len(unusual) == 1 else "digest.count_many", lang, n=len(unusual)) if unusual else ""
    demo = bool(store.query_value("SELECT count(*) FROM core.imports WHERE is_demo AND status = 'imported'"))
    footer = [text("digest.footer_counts", lang), text("digest.footer_why", lang, town=town)]
    digest = Digest(
        ags=ags, town=town, week=week, subject=text("digest.subject", lang, town=town, week=label, count=count),
        title=f"{town}: {label}", period=period, intro=intro, demo=demo, unusual=unusual, platforms=blocks,
        top=_top_post(store, ags, week, lang), link=week_link(ags, week), month=report_month(week), footer=footer,
        lang=lang)
    digest.text = render_text(digest)
    digest.html = render_html(digest)
    return digest


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, width=76, initial_indent=indent if first is None else first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render_text(d: Digest) -> str:
    lang = d.lang
    lines = [text("digest.heading", lang, town=d.town, week=d.week_label, period=d.period), ""]
    if d.demo:
        lines += [*_wrap(f"*** {text('digest.demo', lang)} ***"), ""]
    lines += [text("digest.greeting", lang), "", *_wrap(d.intro), ""]
    if d.unusual:
        lines += [text("digest.unusual", lang).upper()] + [line for item in d.unusual
                                                           for line in _wrap(item, "    ", "  • ")] + [""]
    for block in d.platforms:
        lines.append(block.name.upper())
        if block.missing:
            lines += [*_wrap(block.missing, "  "), ""]
            continue
        width = max(len(label) for label, _, _ in block.rows)
        value_width = max(len(d.week_label), *(len(value) for _, value, _ in block.rows))
        lines.append(f"  {'':<{width}}  {d.week_label:>{value_width}}   {text('digest.vs_last_week', lang)}")
        lines += [f"  {label:<{width}}  {value:>{value_width}}   {change}" for label, value, change in block.rows]
        lines += [line for note in block.notes for line in _wrap(note, "  ")] + [""]
    if d.platforms:  # without any data there is no top post, and the Wochenbericht has nothing to show
        lines.append(text("digest.top", lang).upper())
        if d.top is None:
            lines += [f"  {text('digest.no_posts', lang)}", ""]
        else:
            lines += [f"  {d.top.heading}", *_wrap(d.top.excerpt, "  "), f"  {d.top.figures}"]
            lines += [f"  {d.top.url}", ""] if d.top.url else [""]
        lines += [f"{text('digest.open_report', lang)}:", f"  {d.link}", ""]
    lines += ["-- "]
    lines += [line for note in d.footer for line in _wrap(note)]
    return "\n".join(lines) + "\n"


_FONT = "font-family:Arial,Helvetica,sans-serif;"
_CELL = "padding:6px 8px;border-bottom:1px solid #e5e7eb;"


def render_html(d: Digest) -> str:
    e, lang = html.escape, d.lang

    def t(key: str, **values) -> str:
        return e(text(key, lang, **values))

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(d.subject)}</title></head>",
        f'<body style="margin:0;padding:0;background:#f3f4f6;{_FONT}">',
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;">'
        '<tr><td align="center" style="padding:24px 12px;">',
        '<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="width:100%;max-width:640px;'
        f'background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;{_FONT}color:#1f2937;font-size:15px;'
        'line-height:1.5;">',
        '<tr><td style="padding:24px 28px 4px;">',
        f'<div style="font-size:13px;color:#6b7280;letter-spacing:.02em;">{t("digest.brand")}</div>',
        f'<h1 style="margin:4px 0 0;font-size:22px;line-height:1.3;color:#111827;">{e(d.title)}</h1>',
        f'<div style="color:#4b5563;">{e(d.period)}</div>',
        *([f'<p style="margin:12px 0 0;padding:8px 12px;background:#f3f4f6;border-radius:4px;font-weight:bold;">'
           f'{t("digest.demo")}</p>'] if d.demo else []),
        f'<p style="margin:12px 0 0;">{t("digest.greeting")}</p>',
        f'<p style="margin:8px 0 0;">{e(d.intro)}</p>',
        "</td></tr>",
    ]
    if d.unusual:
        items = "".join(f'<li style="margin:2px 0;">{e(item)}</li>' for item in d.unusual)
        parts.append(
            '<tr><td style="padding:12px 28px 0;"><div style="background:#fff7ed;border-left:4px solid #f59e0b;'
            f'padding:10px 14px;border-radius:4px;"><div style="font-weight:bold;color:#92400e;">{t("digest.unusual")}</div>'
            f'<ul style="margin:6px 0 0;padding-left:20px;">{items}</ul></div></td></tr>')
    for block in d.platforms:
        parts.append(f'<tr><td style="padding:18px 28px 0;"><h2 style="margin:0 0 6px;font-size:17px;color:#111827;">'
                     f'{e(block.name)}</h2>')
        if block.missing:
            parts.append(f'<p style="margin:0;color:#4b5563;">{e(block.missing)}</p></td></tr>')
            continue
        parts.append(
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
            'style="border-collapse:collapse;font-size:14px;">'
            f'<tr style="color:#6b7280;font-size:12px;"><td width="46%" style="{_CELL}">{t("digest.metric")}</td>'
            f'<td width="22%" align="right" style="{_CELL}white-space:nowrap;">{e(d.week_label)}</td>'
            f'<td width="32%" align="right" style="{_CELL}white-space:nowrap;">{t("digest.vs_last_week")}</td></tr>')
        for label, value, change in block.rows:
            muted = "color:#6b7280;" if value == text("digest.unknown", lang) else ""
            parts.append(
                f'<tr><td style="{_CELL}">{e(label)}</td>'
                f'<td align="right" style="{_CELL}font-weight:bold;white-space:nowrap;{muted}">{e(value)}</td>'
                f'<td align="right" style="{_CELL}white-space:nowrap;color:#374151;">{e(change)}</td></tr>')
        parts.append("</table>")
        parts += [f'<p style="margin:6px 0 0;font-size:13px;color:#6b7280;">{e(note)}</p>' for note in block.notes]
        parts.append("</td></tr>")
    if d.platforms:
        parts += _top_and_link_html(d)
    parts += [
        '<tr><td style="padding:12px 28px 24px;font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb;">',
        *[f'<p style="margin:8px 0 0;">{e(line)}</p>' for line in d.footer],
        "</td></tr></table></td></tr></table></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _top_and_link_html(d: Digest) -> list[str]:
    e = html.escape

    def t(key: str) -> str:
        return e(text(key, d.lang))

    parts = ['<tr><td style="padding:18px 28px 0;"><h2 style="margin:0 0 6px;font-size:17px;color:#111827;">'
             f"{t('digest.top')}</h2>"]
    if d.top is None:
        parts.append(f'<p style="margin:0;color:#4b5563;">{t("digest.no_posts")}</p>')
    else:
        link = (f'<div style="margin-top:4px;"><a href="{e(d.top.url, quote=True)}" style="color:#1d4ed8;">'
                f"{t('digest.open_post')}</a></div>") if d.top.url else ""
        parts.append(
            '<div style="border:1px solid #e5e7eb;border-radius:6px;padding:10px 14px;">'
            f'<div style="font-size:13px;color:#6b7280;">{e(d.top.heading)}</div>'
            f'<div style="margin:4px 0;">{e(d.top.excerpt)}</div>'
            f'<div style="font-size:13px;color:#374151;">{e(d.top.figures)}</div>{link}</div>')
    parts.append("</td></tr>")
    parts += [
        '<tr><td style="padding:22px 28px 8px;">',
        f'<a href="{e(d.link, quote=True)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;'
        f'padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold;">{t("digest.open_report")}</a>',
        f'<div style="margin-top:6px;font-size:12px;color:#6b7280;word-break:break-all;">{e(d.link)}</div>',
        "</td></tr>",
    ]
    return parts


def council_pdf(store: Store, ags: str, month: tuple[date, date], lang: str = "de") -> bytes:
    """The previous month's council report (analytics/report.py) in `lang`, imported late: it needs WeasyPrint."""
    from analytics.report import council_report_pdf

    return council_report_pdf(store, ags, month[0], month[1], lang=lang)


def build_message(d: Digest, sender: str, to: list[str], pdf: bytes | None = None,
                  pdf_note: str | None = None) -> EmailMessage:
    """The e-mail: plain text and HTML (UTF-8), the PDF attached when given."""
    plain, body = d.text, d.html
    if pdf_note:  # the recipient asked for the PDF: say why it is missing
        plain = plain.replace("\n-- \n", f"\n{pdf_note}\n\n-- \n", 1)
        body = body.replace("</h1>", f'</h1><p style="color:#92400e;">{html.escape(pdf_note)}</p>', 1)
    msg = EmailMessage()
    msg["Subject"] = d.subject
    msg["From"] = formataddr(("Bürgernah", sender))
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid("digest", domain=sender.rsplit("@", 1)[-1])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies
    msg.set_content(plain, charset="utf-8")
    msg.add_alternative(body, subtype="html", charset="utf-8")
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=d.pdf_name)
    msg["Content-Language"] = d.lang  # RFC 3282; after the parts, which take Content-* headers along
    return msg


# -- sending --------------------------------------------------------------------------------


def _encodings(user: str | None, password: str | None) -> list[str]:
    """The password as it may appear on the wire (AUTH LOGIN / PLAIN), to be redacted everywhere."""
    if not password:
        return []
    raw = password.encode()
    plain = f"\0{user or ''}\0{password}".encode()
    return [password, base64.b64encode(raw).decode(), base64.b64encode(plain).decode()]


def _register_secret(value: str) -> None:
    from connectors.api.http import register_secret  # the redacting logger of the scheduler

    register_secret(value)


def redact(text: object, smtp: Smtp | None = None) -> str:
    from connectors.api.http import redact as redact_tokens

    out = str(text)
    for secret in sorted(_encodings(smtp.user, smtp.password) if smtp else [], key=len, reverse=True):
        out = out.replace(secret, "***")
    return redact_tokens(out)


def _redacted(message: Message, smtp: Smtp | None = None) -> Message:
    """The message with the password (and tokens) redacted from its values."""
    def clean(value):
        if isinstance(value, Message):
            return _redacted(value, smtp)
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        return redact(value, smtp) if isinstance(value, str) else value

    return Message(message.key, **{name: clean(value) for name, value in message.values})


def _detail(exc: BaseException) -> Message | str:
    """What an exception says: its Message (ours, in the reader's language) or its text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)


def _reply(exc: smtplib.SMTPResponseException) -> str:
    message = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(message.split())}"


def _sentence(exc: BaseException, smtp: Smtp, *, some: bool = False) -> Message:
    """What went wrong, as a sentence for an officer (`some`: the server refused some of the recipients)."""
    where = smtp.where
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        said = _say("digest.error.login", server=where, user=smtp.user, reply=_reply(exc))
    elif isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{addr} ({_reply(smtplib.SMTPResponseException(*why))})"
                            for addr, why in exc.recipients.items())
        said = _say("digest.error.some_refused" if some else "digest.error.all_refused", server=where, refused=refused)
    elif isinstance(exc, smtplib.SMTPSenderRefused):
        said = _say("digest.error.sender", server=where, sender=smtp.sender, reply=_reply(exc))
    elif isinstance(exc, smtplib.SMTPNotSupportedError):
        said = _say("digest.error.unsupported", server=where, detail=_detail(exc))
    elif isinstance(exc, smtplib.SMTPResponseException):
        said = _say("digest.error.not_accepted", server=where, reply=_reply(exc))
    elif isinstance(exc, smtplib.SMTPServerDisconnected):
        said = _say("digest.error.disconnected", server=where, detail=str(exc) or _say("digest.error.no_detail"))
    elif isinstance(exc, ssl.SSLError | ssl.CertificateError):
        said = _say("digest.error.tls", server=where, detail=str(exc))
    elif isinstance(exc, TimeoutError | socket.timeout):
        said = _say("digest.error.timeout", server=where, seconds=TIMEOUT_SECONDS)
    elif isinstance(exc, ConnectionRefusedError):
        said = _say("digest.error.connection_refused", server=where)
    elif isinstance(exc, socket.gaierror):
        said = _say("digest.error.unknown_host", host=smtp.host)
    elif isinstance(exc, OSError):
        said = _say("digest.error.unreachable", server=where, detail=exc.strerror or str(exc))
    else:
        said = _say("digest.error.other", detail=f"{type(exc).__name__}: {exc}")
    return _redacted(said, smtp)


def _transient(exc: BaseException) -> bool:
    """Worth another try in the same run: connection trouble and 4xx replies, not a 5xx refusal."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, OSError | smtplib.SMTPServerDisconnected) and not isinstance(exc, socket.gaierror)


def _login(conn: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib encodes credentials as ASCII only, so a password with umlauts goes as UTF-8
    through AUTH PLAIN (RFC 4616) directly."""
    if (user + password).isascii():
        conn.login(user, password)
        return
    if "plain" not in conn.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPNotSupportedError(_say("digest.auth_plain"))
    code, reply = conn.docmd("AUTH", "PLAIN " + base64.b64encode(f"\0{user}\0{password}".encode()).decode())
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def deliver(smtp: Smtp, msg: EmailMessage, to: list[str]) -> dict:
    """Send one message; returns the recipients the server refused ({} when it took all)."""
    if smtp.implicit_tls:
        conn = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
    else:
        conn = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
    try:
        conn.ehlo()
        if smtp.starttls:
            conn.starttls(context=ssl.create_default_context())
            conn.ehlo()
        if smtp.user:
            _login(conn, smtp.user, smtp.password or "")
        return conn.send_message(msg, from_addr=smtp.sender, to_addrs=to)
    finally:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()


# -- runs -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a run did for one town and week."""

    ags: str
    town: str
    week: date
    status: str        # sent | failed | skipped | dry-run
    message: Message   # a sentence (German as text; `message_text` for the reader's language)
    recipients: list[str] = field(default_factory=list)
    digest: Digest | None = None       # the German one when someone gets German (else the first)
    digests: dict[str, Digest] = field(default_factory=dict)  # every language composed, by language


@dataclass
class _Row:
    send_id: str
    ags: str
    week: date
    delivered: list[str]
    status: str
    attempts: int
    last_error: Message | None     # stored as its JSON (`to_column`); a legacy plain text as written
    sent_at: datetime | None
    message_ids: list[str]


def _split(text) -> list[str]:
    return [part for part in str(text).split(", ") if part] if _known(text) else []


def _load(cur, ags: str, week: date) -> tuple[_Row | None, datetime | None]:
    found = cur.execute("SELECT send_id, recipients, status, attempts, last_error, sent_at, message_id, updated_at "
                        "FROM core.digest_sends WHERE ags = ? AND week_start = ? ORDER BY updated_at DESC LIMIT 1",
                        [ags, week]).df()  # (a DataFrame: fetching TIMESTAMPTZ as Python objects needs pytz)
    if found.empty:
        return None, None
    row = found.iloc[0]
    sent_at = row["sent_at"].to_pydatetime() if _known(row["sent_at"]) else None
    return _Row(row["send_id"], ags, week, _split(row["recipients"]), row["status"], int(row["attempts"]),
                from_column(row["last_error"]), sent_at,
                _split(row["message_id"])), row["updated_at"].to_pydatetime()


def _save(cur, row: _Row, now: datetime) -> None:
    cur.execute("DELETE FROM core.digest_sends WHERE ags = ? AND week_start = ?", [row.ags, row.week])
    cur.execute("INSERT INTO core.digest_sends VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row.send_id, row.ags, row.week, ", ".join(row.delivered) or None, row.status, row.attempts,
                 to_column(row.last_error), row.sent_at, ", ".join(row.message_ids) or None, now])


def _write(store: Store, body, tries: int = 5):
    """`body(cursor)` in one transaction through `Store.write` (re-run on a DuckLake commit
    conflict, so bodies only touch the database), its result returned. A busy database file is
    waited out a few more times: a delivered mail must be recorded."""
    for attempt in range(tries):
        try:
            return store.write(body)
        except LockedDatabaseError:
            if attempt == tries - 1:
                raise
            time.sleep(1)


def _claim(store: Store, ags: str, week: date) -> tuple[_Row | None, list[tuple[str, bool, str]], str]:
    """Claim the town's week for this run: (row, pending recipients, why not) — pending empty when
    there is nothing to send (already sent, being sent, no recipients)."""
    return _write(store, lambda cur: _claim_body(cur, ags, week, datetime.now(UTC)))


def _claim_body(cur, ags: str, week: date, now: datetime) -> tuple[_Row | None, list[tuple[str, bool]], str]:
    """The claiming transaction (may run again on a DuckLake commit conflict: database only)."""
    row, updated = _load(cur, ags, week)
    if row is not None and row.status == "sent":
        when = pd.Timestamp(row.sent_at).tz_convert(BERLIN).date() if row.sent_at else _say("digest.earlier")
        return row, [], _say("digest.already_sent", day=when, to=", ".join(row.delivered) or _say("digest.the_recipients"))
    if row is not None and row.status == "sending" and updated is not None and now - updated < STALE_AFTER:
        return row, [], _say("digest.being_sent")
    if row is not None and row.status == "sending":
        row.last_error = _say("digest.interrupted")
    done = {address.lower() for address in (row.delivered if row else [])}
    wanted = cur.execute("SELECT email, with_pdf, coalesce(lang, 'de') FROM core.digest_recipients WHERE ags = ? "
                         "ORDER BY lower(email)", [ags]).fetchall()
    pending = [(email, bool(pdf), lang if lang in LANGS else "de") for email, pdf, lang in wanted
               if email.lower() not in done]
    if not pending:
        if row is not None and row.delivered:
            row.status, row.sent_at, row.last_error = "sent", row.sent_at or now, None
            _save(cur, row, now)
            return row, [], _say("digest.sent_to_all")
        if row is not None and row.status == "sending":  # interrupted, and nobody left to send to
            row.status, row.last_error = "failed", _say("digest.interrupted_nobody")
            _save(cur, row, now)
        return row, [], _say("digest.no_recipients")
    row = row or _Row(uuid.uuid4().hex, ags, week, [], "sending", 0, None, None, [])
    row.status = "sending"
    _save(cur, row, now)
    return row, pending, ""


def send_town(store: Store, actor_id: str, ags: str, week: date, *, smtp: Smtp | None = None,
              now: datetime | None = None, tries: int = TRIES_PER_RUN, pause: float | None = None) -> Outcome:
    """Send the town's digest for `week` to every recipient who has not had it, each in their language
    (one message per language and PDF choice); record the result."""
    now = now or datetime.now(UTC)
    smtp = smtp or smtp_settings()
    pause = PAUSE_SECONDS if pause is None else pause
    town = town_name(store, ags)
    row, pending, why = _claim(store, ags, week)
    label = _week(week)
    if not pending:
        return Outcome(ags, town, week, "skipped", _say("digest.skipped", town=town, week=label, why=why),
                       row.delivered if row else [])
    errors: list[Message] = []
    notes: list[Message] = []  # for officers: a PDF that could not be made
    used, digests = 0, {}
    try:
        problem = smtp.issue()
        if problem is not None:
            used, errors = 1, [problem]
        else:
            for lang in (lang for lang in LANGS if any(wanted == lang for *_, wanted in pending)):
                digests[lang] = compose(store, ags, week, now=now, lang=lang)
            for lang, digest in digests.items():
                mine = [(email, with_pdf) for email, with_pdf, wanted in pending if wanted == lang]
                pdf, pdf_note = None, None
                if any(with_pdf for _, with_pdf in mine):
                    try:
                        pdf = council_pdf(store, ags, digest.month, lang)
                    except Exception as exc:  # the weekly figures still go out, with a sentence why the PDF is missing
                        month, error = f"{digest.month[0]:%m/%Y}", redact(f"{type(exc).__name__}: {exc}", smtp)
                        pdf_note = text("digest.pdf_failed", lang, month=month, error=error)
                        notes.append(_say("digest.pdf_failed", month=month, error=error))
                groups = [(True, [e for e, p in mine if p]), (False, [e for e, p in mine if not p])]
                for with_pdf, addresses in groups:
                    if not addresses:
                        continue
                    msg = build_message(digest, smtp.sender, addresses, pdf if with_pdf else None,
                                        pdf_note if with_pdf else None)
                    for attempt in range(tries):
                        used += 1
                        try:
                            refused = deliver(smtp, msg, addresses)
                        except Exception as exc:
                            if attempt + 1 < tries and _transient(exc):
                                time.sleep(pause)
                                continue
                            errors.append(_sentence(exc, smtp))
                            break
                        accepted = [a for a in addresses if a not in refused]
                        row.delivered += accepted
                        row.message_ids.append(str(msg["Message-ID"]))
                        # recorded at once: a retry after a later failure never sends to them again
                        _write(store, lambda cur: _save(cur, row, datetime.now(UTC)))
                        if refused:
                            errors.append(_sentence(smtplib.SMTPRecipientsRefused(refused), smtp, some=True))
                        break
    except Exception as exc:  # composing failed: record it, never lose the week silently
        errors.append(_say("digest.error.compose", detail=redact(f"{type(exc).__name__}: {exc}", smtp)))
        used = max(used, 1)
    note = joined(list(dict.fromkeys(notes)), "digest.joined") if notes else None
    row.attempts += used
    if errors:
        row.status = "failed"
        row.last_error = joined([*errors, _say("digest.retry_next")], "digest.joined")
    else:
        row.status, row.sent_at, row.last_error = "sent", datetime.now(UTC), note

    def finish(cur) -> None:
        _save(cur, row, datetime.now(UTC))
        access.record(cur, actor_id, "digest_send", ags, {"week": week.isoformat(), "status": row.status,
                                                          "recipients": len(row.delivered), "attempts": used})
    _write(store, finish)
    if row.status == "sent":
        message = _say("digest.sent", town=town, week=label, to=", ".join(row.delivered))
        message = joined([message, note], "digest.joined") if note else message
    else:
        message = _say("digest.failed", town=town, week=label, error=row.last_error)
    return Outcome(ags, town, week, row.status, message, list(row.delivered), _main(digests), digests)


def _main(digests: dict[str, Digest]) -> Digest | None:
    """The German digest when there is one, else the first."""
    return digests.get("de") or next(iter(digests.values()), None)


def pending_retries(store: Store, towns: Iterable[str] | None = None) -> list[tuple[str, date]]:
    """(ags, week) of every failed or interrupted send, oldest first."""
    frame = store.query_df("SELECT ags, week_start FROM core.digest_sends WHERE status <> 'sent' "
                           "ORDER BY week_start, ags")
    wanted = None if towns is None else set(towns)
    return [(a, pd.Timestamp(w).date()) for a, w in zip(frame["ags"], frame["week_start"], strict=True)
            if wanted is None or a in wanted]


def run(store: Store, actor_id: str, towns: Iterable[str] | None = None, week: date | None = None, *,
        dry_run: bool = False, now: datetime | None = None, smtp: Smtp | None = None,
        tries: int = TRIES_PER_RUN, pause: float | None = None) -> list[Outcome]:
    """Send `week`'s digest (default: the last complete ISO week) to every town in `towns` (default:
    every town with recipients), and retry their failed sends of earlier weeks. `dry_run` composes
    and reports without sending or recording."""
    now = now or datetime.now(UTC)
    week = weekly.week_start(week) if week else weekly.last_complete_week(now.astimezone(BERLIN).date())
    towns = list(towns) if towns is not None else towns_with_recipients(store)
    for ags in towns:
        if not store.query_value("SELECT 1 FROM core.municipalities WHERE ags = ?", [ags]):
            raise DigestError(Message("digest.unknown_ags", ags=ags))
    work = [(ags, week) for ags in towns]
    if dry_run:
        return [_dry_run(store, ags, wk, now) for ags, wk in work]
    work = list(dict.fromkeys(pending_retries(store, towns) + work))
    return [send_town(store, actor_id, ags, wk, smtp=smtp, now=now, tries=tries, pause=pause) for ags, wk in work]


def _dry_run(store: Store, ags: str, week: date, now: datetime) -> Outcome:
    people = recipients(store, [ags])
    row = store.query_df("SELECT status, recipients FROM core.digest_sends WHERE ags = ? AND week_start = ?",
                         [ags, week])
    done = {a.lower() for a in _split(row["recipients"].iloc[0])} if not row.empty else set()
    pending = people[~people["email"].str.lower().isin(done)]
    langs = [lang for lang in LANGS if (pending["lang"] == lang).any()] or ["de"]
    digests = {lang: compose(store, ags, week, now=now, lang=lang) for lang in langs}
    digest, label = _main(digests), _week(week)
    if not row.empty and row["status"].iloc[0] == "sent":
        return Outcome(ags, digest.town, week, "dry-run", _say("digest.dry_already", town=digest.town, week=label),
                       [], digest, digests)
    if pending.empty:
        return Outcome(ags, digest.town, week, "dry-run", _say("digest.dry_nobody", town=digest.town, week=label),
                       [], digest, digests)

    def named(frame: pd.DataFrame) -> list:  # German recipients as they are, others with their language
        return [email if lang == "de" else _say("digest.in_language", to=email, language=_say(f"digest.language.{lang}"))
                for email, lang in zip(frame["email"], frame["lang"], strict=True)]

    pdfs = [_say("digest.dry_pdf", name=digests[lang].pdf_name, to=", ".join(part["email"]))
            for lang in langs if not (part := pending[pending["with_pdf"] & (pending["lang"] == lang)]).empty]
    message = _say("digest.dry_would", town=digest.town, week=label, to=named(pending),
                   pdf=joined(pdfs, "digest.concat"))
    return Outcome(ags, digest.town, week, "dry-run", message, pending["email"].tolist(), digest, digests)


def summary(outcomes: list[Outcome]) -> tuple[str, Message]:
    """(status, message) of a run for the schedule: failed when any town failed."""
    sent = [o for o in outcomes if o.status == "sent"]
    failed = [o for o in outcomes if o.status == "failed"]
    if not outcomes:
        return "ok", _say("digest.run_none")
    skipped = len(outcomes) - len(sent) - len(failed)
    counts = _say("digest.run_counts", sent=len(sent), failed=len(failed))
    also = _say("digest.run_skipped", n=skipped) if skipped else ""
    if failed:
        return "failed", _say("digest.run_failed", counts=counts, skipped=also,
                              failed=joined([o.message for o in failed], "digest.joined"))
    return "ok", _say("digest.run_done", counts=counts, skipped=also)
