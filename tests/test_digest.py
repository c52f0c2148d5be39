"""The weekly e-mail digest against a real SMTP server (aiosmtpd on a loopback port): what arrives
(figures, encoding, link, PDF), exactly once per week, failures recorded and retried, the password
never in a message or the database, and recipients managed only by the permitted roles."""

from __future__ import annotations

import base64
import email
import email.policy
import json
import re
import ssl
import subprocess
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from streamlit.testing.v1 import AppTest

from analytics import access, fmt, weekly
from analytics.access import ANONYMOUS, Actor, Forbidden
from analytics.i18n import from_column, message_text
from conftest import DEMO_TODAY, free_port
from connectors import actions, digest, schedule
from connectors.__main__ import main as cli

A, B = "05334004", "05334008"  # Alsdorf, Baesweiler (the demo has no follower total for Baesweiler)
ADMIN = Actor("admin@kreis.example", admin=True)
OFFICER_A = Actor("presse@alsdorf.example", officer_of=frozenset({A}))
WEEK = weekly.last_complete_week(DEMO_TODAY)
PASSWORD = "Geheim-Pässwort-42"
APP = str(Path(__file__).resolve().parents[1] / "app.py")


class Inbox:
    """An aiosmtpd handler that keeps every message; `refuse` makes it refuse addresses or data."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse_rcpt: set[str] = set()
        self.refuse_data: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return "550 5.1.1 Postfach unbekannt"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for rcpt, m in self.messages if address in rcpt]


class Server:
    """aiosmtpd on 127.0.0.1; `stop()` and `start()` again on the same port."""

    def __init__(self, inbox: Inbox, **kwargs):
        self.inbox, self.port, self.kwargs, self.controller = inbox, free_port(), kwargs, None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **self.kwargs)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_env(monkeypatch, tmp_path):
    """Settings from the environment only (no secrets.toml of the developer's machine)."""
    monkeypatch.setenv("BUERGERNAH_SECRETS", str(tmp_path / "none.toml"))
    for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM", "PUBLIC_URL"):
        monkeypatch.delenv(f"BUERGERNAH_{name}", raising=False)
    monkeypatch.setenv("BUERGERNAH_PUBLIC_URL", "https://buergernah.kreis.example/")
    monkeypatch.setenv("BUERGERNAH_SMTP_FROM", "buergernah@kreis.example")
    return monkeypatch


@pytest.fixture
def mailserver(smtp_env):
    server = Server(Inbox()).start()
    smtp_env.setenv("BUERGERNAH_SMTP_HOST", "127.0.0.1")
    smtp_env.setenv("BUERGERNAH_SMTP_PORT", str(server.port))
    smtp_env.setenv("BUERGERNAH_SMTP_STARTTLS", "false")
    yield server
    server.stop()


def send(store, actor=ADMIN, town=None, week=WEEK):
    return actions.send_digest(store, actor, town, week, pause=0)


def parts(message):
    plain, html_part = message.get_body(("plain",)), message.get_body(("html",))
    return (plain, html_part, plain.get_content().replace("\r\n", "\n"),
            html_part.get_content().replace("\r\n", "\n"))


def sends_row(store, ags, week=WEEK) -> dict:
    """The town's send of the week; `last_error` as the pages read it (a Message: German as text)."""
    frame = store.query_df("SELECT * FROM core.digest_sends WHERE ags = ? AND week_start = ?", [ags, week])
    assert len(frame) == 1
    return frame.iloc[0].to_dict() | {"last_error": from_column(frame["last_error"].iloc[0])}


# -- what arrives ---------------------------------------------------------------------------


def test_the_digest_arrives_with_the_weeks_figures_in_utf8_and_a_link(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    actions.add_digest_recipient(demo_store, ADMIN, B, "Presse@Baesweiler.example")
    outcomes = send(demo_store)
    assert [(o.ags, o.status) for o in outcomes] == [(A, "sent"), (B, "sent")]
    assert len(mailserver.inbox.messages) == 2

    label = weekly.iso_week_label(WEEK)
    figures = weekly.weekly_metrics(demo_store, A, WEEK - timedelta(days=7), WEEK)
    for ags, address, town in ((A, "presse@alsdorf.example", "Alsdorf"), (B, "Presse@Baesweiler.example", "Baesweiler")):
        [message] = mailserver.inbox.to(address)
        assert message["Subject"].startswith(f"{town}: Social-Media-Wochenzahlen {label}")
        assert message["From"] == "Bürgernah <buergernah@kreis.example>"
        assert message["Auto-Submitted"] == "auto-generated"
        plain, html_part, text, html = parts(message)
        assert plain.get_content_charset() == html_part.get_content_charset() == "utf-8"
        for body in (text, html):
            assert "ggü. Vorwoche" in body and "Beiträge" in body and "für" in body  # umlauts intact
            assert "â" not in body and "Ã" not in body  # no double-encoded UTF-8
        link = f"https://buergernah.kreis.example/?ags={ags}&week={WEEK.isoformat()}"
        assert link in text and f'href="{link.replace("&", "&amp;")}"' in html
        assert "<img" not in html and "src=" not in html  # nothing the mail client would fetch
        assert sends_row(demo_store, ags)["message_id"] == message["Message-ID"]

    # Alsdorf's figures: the Wochenbericht's numbers, in German formats, with the change
    [alsdorf] = mailserver.inbox.to("presse@alsdorf.example")
    _, _, text, html = parts(alsdorf)
    now = figures[(figures["platform"] == "facebook") & (figures["week_start"] == pd.Timestamp(WEEK))].iloc[0]
    before = figures[(figures["platform"] == "facebook") & (figures["week_start"] < pd.Timestamp(WEEK))].iloc[0]
    for metric, label_de in (("followers", "Follower"), ("reach", "Reichweite der Beiträge"),
                             ("interactions", "Interaktionen"), ("posts", "Beiträge")):
        value = fmt.number(now[metric])
        delta = fmt.signed(int(now[metric]) - int(before[metric]))
        if delta == "+0":  # no change: „±0“, without a share
            assert re.search(rf"^  {re.escape(label_de)} +{re.escape(value)}   ±0$", text, re.M), metric
            assert f">{value}</td>" in html and ">±0</td>" in html
            continue
        assert re.search(rf"^  {re.escape(label_de)} +{re.escape(value)}   {re.escape(delta)} ", text, re.M), metric
        assert f">{value}</td>" in html and f">{delta} (" in html
    assert int(now["reach"]) >= 1000 and "." in fmt.number(now["reach"])  # 1.234, not 1,234
    top = weekly.top_posts(demo_store, A, WEEK, limit=1).iloc[0]
    assert f"Interaktionen {fmt.number(top['interactions'])}" in text and top["url"] in text

    # Baesweiler has no known follower total: "unbekannt", never 0
    [baesweiler] = mailserver.inbox.to("Presse@Baesweiler.example")
    _, _, text, html = parts(baesweiler)
    assert re.search(r"^  Follower +unbekannt +–$", text, re.M)
    assert re.search(r">unbekannt</td>", html) and "Follower-Stand unbekannt" in text
    assert not re.search(r"^  Follower +0 ", text, re.M)

    row = sends_row(demo_store, A)
    assert (row["status"], row["attempts"], row["recipients"], row["last_error"]) == \
        ("sent", 1, "presse@alsdorf.example", None)
    audit = access.audit_log(demo_store)
    audit = audit[audit["action"].str.startswith("digest")]
    assert (audit["action"] == "digest_send").sum() == 2 and set(audit["actor"]) == {ADMIN.id}


def test_a_week_is_sent_once_by_cli_schedule_and_send_now_alike(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    assert [o.status for o in send(demo_store)] == ["sent"]
    again = send(demo_store, OFFICER_A, A)
    assert [o.status for o in again] == ["skipped"] and "bereits am" in again[0].message
    # the scheduler: off by default at Monday 06:30; switched on, it runs when due and sends nothing new
    job = schedule.schedules(demo_store).set_index("job").loc["digest"]
    assert (job["enabled"], job["weekday"], job["at_time"]) == (False, 0, "06:30")
    schedule.configure(demo_store, ADMIN, "digest", enabled=True, weekday=0, at_time="06:30",
                       now=datetime(2020, 1, 1, tzinfo=UTC))
    if weekly.last_complete_week(datetime.now(UTC).astimezone(digest.BERLIN).date()) == WEEK:
        [(job_name, status, message)] = [r for r in schedule.run_due(demo_store) if r[0] == "digest"]
        assert (job_name, status) == ("digest", "ok") and message.startswith("0 Wochen-E-Mail(s) gesendet")
    assert len(mailserver.inbox.messages) == 1
    assert schedule.run_due(demo_store) == []  # not due again before next Monday


def test_the_pdf_is_attached_for_recipients_who_asked(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, OFFICER_A, A, "rat@alsdorf.example", with_pdf=True)
    actions.add_digest_recipient(demo_store, OFFICER_A, A, "presse@alsdorf.example")
    [outcome] = send(demo_store, OFFICER_A, A)
    assert outcome.status == "sent", outcome.message
    start, end = digest.report_month(WEEK)
    assert start.day == 1 and end + timedelta(days=1) == (end + timedelta(days=1)).replace(day=1) and end < WEEK + timedelta(days=7)
    [with_pdf] = mailserver.inbox.to("rat@alsdorf.example")
    [attachment] = list(with_pdf.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"Ratsbericht_Alsdorf_{start:%Y-%m}.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert parts(with_pdf)[2].startswith("Alsdorf – Social-Media-Wochenzahlen")
    [without] = mailserver.inbox.to("presse@alsdorf.example")
    assert list(without.iter_attachments()) == []
    assert "rat@alsdorf.example" not in without["To"]  # each gets the variant they asked for


def test_a_pdf_that_cannot_be_made_does_not_hold_back_the_weekly_figures(demo_store, mailserver, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kein Renderer")

    monkeypatch.setattr(digest, "council_pdf", broken)
    actions.add_digest_recipient(demo_store, ADMIN, A, "rat@alsdorf.example", with_pdf=True)
    [outcome] = send(demo_store, town=A)
    assert outcome.status == "sent"
    [message] = mailserver.inbox.to("rat@alsdorf.example")
    assert list(message.iter_attachments()) == []
    assert "ließ sich nicht erstellen (RuntimeError: kein Renderer); diese E-Mail kommt ohne ihn." in parts(message)[2]
    assert "ließ sich nicht erstellen" in sends_row(demo_store, A)["last_error"]


# -- in English -----------------------------------------------------------------------------

# German words of the German e-mail and report: none may be left in the English ones once the data
# (town names, the post's own text) is taken out.
GERMAN = re.compile(
    r"[äöüÄÖÜß„]|\b(Guten|Tag|Auffällig\w*|Kennzahl|ggü|Vorwoche|Woche|Wochen|KW|Uhr|Beitr\w*|Follower-Stand|"
    r"unbekannt|Reichweite|Aufrufe|Interaktion\w*|Interaktionsrate|Gemeinde|Gemeinden|Einwohner|Zusammenfassung|"
    r"Vergleich\w*|Zeitraum|Datenstand|Seite|Sie|und|oder|der|die|das|für|im|von|mit|je|ansehen|erhalten)\b")
DATA = ("Bürgernah", "Nordkreis (StädteRegion Aachen)", "StädteRegion", "Alsdorf", "Baesweiler", "Herzogenrath",
        "Würselen")


def german_left(text: str, *data: str) -> list[str]:
    rest = " ".join(text.split())
    for name in (*data, *DATA):
        rest = rest.replace(" ".join(name.split()), "")
    return sorted({m.group(0) for m in GERMAN.finditer(rest)})


def pdf_text(data: bytes, tmp_path: Path, name: str) -> tuple[str, str]:
    """(pdfinfo, pdftotext) of a PDF."""
    path = tmp_path / name
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return info, subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                check=True).stdout


def test_an_english_recipient_gets_the_digest_and_the_council_report_in_english(demo_store, mailserver, tmp_path):
    actions.add_digest_recipient(demo_store, ADMIN, A, "council@alsdorf.example", with_pdf=True, lang="en")
    actions.add_digest_recipient(demo_store, ADMIN, A, "rat@alsdorf.example", with_pdf=True)  # German by default
    assert digest.recipients(demo_store)[["email", "lang"]].values.tolist() == \
        [["council@alsdorf.example", "en"], ["rat@alsdorf.example", "de"]]
    [outcome] = send(demo_store, town=A)
    assert outcome.status == "sent", outcome.message
    assert sorted(outcome.recipients) == ["council@alsdorf.example", "rat@alsdorf.example"]
    assert sorted(outcome.digests) == ["de", "en"] and outcome.digest.lang == "de"
    row = sends_row(demo_store, A)  # one send of the week, both languages
    assert (row["status"], sorted(row["recipients"].split(", "))) == ("sent", sorted(outcome.recipients))
    assert len(row["message_id"].split(", ")) == 2

    cw, start = weekly.iso_week_label(WEEK, "en"), digest.report_month(WEEK)[0]
    [english] = mailserver.inbox.to("council@alsdorf.example")
    assert "rat@alsdorf.example" not in english["To"]
    assert english["Subject"].startswith(f"Alsdorf: weekly social media figures {cw}")
    assert english["Content-Language"] == "en"
    _, _, text, html = parts(english)
    assert text.startswith(f"Alsdorf – weekly social media figures {cw} ({fmt.day(WEEK, 'en')} – ")
    for said in ("Hello,", "vs. previous week", "TOP POST OF THE WEEK", "View in the weekly report:", "Unsubscribe",
                 "Followers", "Post reach", "Interactions"):
        assert said in text, said
    assert '<html lang="en">' in html and ">Metric</td>" in html and "View in the weekly report</a>" in html
    figures = weekly.weekly_metrics(demo_store, A, WEEK, WEEK)
    reach = figures[figures["platform"] == "facebook"].iloc[0]["reach"]
    assert reach >= 1000 and re.search(rf"^  Post reach +{re.escape(fmt.number(reach, 'en'))}   ", text, re.M)
    top = outcome.digests["en"].top  # the post's own text is German data
    assert german_left(text, top.excerpt) == [] and german_left(unescape(re.sub(r"<[^>]+>", " ", html)),
                                                                top.excerpt) == []
    [attachment] = list(english.iter_attachments())
    assert attachment.get_filename() == f"Council_report_Alsdorf_{start:%Y-%m}.pdf"
    info, report_text = pdf_text(attachment.get_content(), tmp_path, "en.pdf")
    month = f"{start:%B %Y}"
    assert f"Title:           Social media report Alsdorf – {month}" in info
    for heading in ("Social media report for the council", "Summary", "Figures per platform",
                    "Comparison per 1,000 inhabitants", "Appendix: definitions and sources"):
        assert heading in report_text, heading
    assert "Zusammenfassung" not in report_text and "Interaktionsrate" not in report_text
    assert not re.search(r"\bGemeinden?\b", report_text)

    [german] = mailserver.inbox.to("rat@alsdorf.example")  # the German recipient: as before
    assert german["Subject"].startswith(f"Alsdorf: Social-Media-Wochenzahlen {weekly.iso_week_label(WEEK)}")
    assert german["Content-Language"] == "de" and parts(german)[2].startswith("Alsdorf – Social-Media-Wochenzahlen")
    [attachment] = list(german.iter_attachments())
    assert attachment.get_filename() == f"Ratsbericht_Alsdorf_{start:%Y-%m}.pdf"
    assert "Zusammenfassung" in pdf_text(attachment.get_content(), tmp_path, "de.pdf")[1]


def test_english_sentences_of_the_unusual_and_the_notes():
    label = weekly.iso_week_label(WEEK, "en")
    usual = [{"reach": 1000 + 100 * i} for i in range(8)]
    quiet = usual + [{"posts": 0, "interactions": 0, "reach": 0, "views": 0}]
    block, unusual = digest._platform("instagram", week_frame("instagram", quiet), WEEK, label, "en")
    assert unusual[0] == f"Instagram: no post in {label}."
    assert unusual[1].startswith("Instagram: lower than in each of the 8 full weeks before – Post reach 0 (so far at "
                                 "least 1,000), Post views 0 (so far at least 2,000), Interactions 0 (so far at least "
                                 "100).")
    assert ("Posts", "0", "-3 (-100.0 %)") in block.rows
    assert block.notes == [f"Follower count of {fmt.day(WEEK + timedelta(days=6), 'en')}, from the export."]
    _, unusual = digest._platform("facebook", week_frame("facebook", usual + [{"reach": 500, "days_covered": 4}]),
                                  WEEK, label, "en")
    assert unusual == ["Facebook: the data cover only 4 of 7 days; the totals are smaller than in a full week. Is an "
                       "export missing?"]
    gone = usual + [{k: None for k in weekly.KPI_COLUMNS} | {"days_covered": 0}]
    block, _ = digest._platform("tiktok", week_frame("tiktok", gone), WEEK, label, "en")
    assert block.missing == (f"There are no figures for {label}; the latest are from "
                             f"{weekly.iso_week_label(WEEK - timedelta(weeks=1), 'en')}. Have the week's exports been "
                             "imported yet?")


def test_the_recipients_language_is_checked_and_kept(demo_store):
    with pytest.raises(digest.DigestError, match="Sprache „fr“"):
        actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example", lang="fr")
    with pytest.raises(digest.DigestError) as refused:  # the English page says it in English
        actions.add_digest_recipient(demo_store, ADMIN, A, "müller@alsdorf.example")
    assert message_text(refused.value, "en") == ("“müller@alsdorf.example” is not a valid e-mail address (form: "
                                                 "name@town.example, without umlauts).")
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example", lang="en")
    actions.add_digest_recipient(demo_store, ADMIN, A, "Presse@alsdorf.example", with_pdf=True)  # changed back
    assert digest.recipients(demo_store)[["email", "with_pdf", "lang"]].values.tolist() == \
        [["Presse@alsdorf.example", True, "de"]]
    entry = access.audit_log(demo_store).iloc[0]
    assert entry["action"] == "digest_recipient_add" and '"lang": "de"' in str(entry["details"])
    with demo_store.transaction() as cur:  # a recipient entered before the language existed: German
        cur.execute("INSERT INTO core.digest_recipients (recipient_id, ags, email, with_pdf, added_by, added_at) "
                    "VALUES ('old', ?, 'alt@alsdorf.example', false, 'x', now())", [A])
    assert digest.recipients(demo_store).set_index("email").at["alt@alsdorf.example", "lang"] == "de"


# -- failures -------------------------------------------------------------------------------


def test_a_stopped_server_records_failed_and_the_next_run_sends_it(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    mailserver.stop()
    [outcome] = send(demo_store)
    assert outcome.status == "failed"
    row = sends_row(demo_store, A)
    assert row["status"] == "failed" and row["attempts"] == digest.TRIES_PER_RUN and pd.isna(row["sent_at"])
    assert row["last_error"] == (
        f"Der Mailserver 127.0.0.1:{mailserver.port} nimmt keine Verbindung an (Verbindung abgelehnt); stimmen "
        "smtp_host und smtp_port, und läuft der Server? Bürgernah versucht es beim nächsten Lauf erneut.")
    assert row["last_error"].text("en") == (  # stored as key and values: the English page says it in English
        f"The mail server 127.0.0.1:{mailserver.port} takes no connection (connection refused); are smtp_host and "
        "smtp_port right, and is the server running? Bürgernah tries again on the next run.")
    stored = json.loads(demo_store.query_value("SELECT last_error FROM core.digest_sends"))
    assert stored["values"]["first"] == {"key": "digest.error.connection_refused",
                                         "values": {"server": f"127.0.0.1:{mailserver.port}"}}
    assert outcome.message.text("en") == f"Alsdorf, {weekly.iso_week_label(WEEK, 'en')}: {row['last_error'].text('en')}"
    shown = digest.sends(demo_store, [A]).iloc[0]
    assert shown["status"] == "failed" and shown["last_error"] == row["last_error"]

    mailserver.start()
    [retried] = send(demo_store)  # the next run (the schedule's retry, the CLI or "jetzt senden")
    assert (retried.week, retried.status) == (WEEK, "sent")
    row = sends_row(demo_store, A)
    assert (row["status"], row["attempts"], row["last_error"]) == ("sent", digest.TRIES_PER_RUN + 1, None)
    assert len(mailserver.inbox.to("presse@alsdorf.example")) == 1


def test_a_failed_scheduled_run_is_due_again_in_half_an_hour(demo_store, mailserver, monkeypatch):
    if weekly.last_complete_week(datetime.now(UTC).astimezone(digest.BERLIN).date()) != WEEK:
        pytest.skip("the demo was made on another day than this run (midnight)")
    monkeypatch.setattr(digest, "PAUSE_SECONDS", 0)
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    schedule.configure(demo_store, ADMIN, "digest", enabled=True, weekday=0, at_time="06:30",
                       now=datetime(2020, 1, 1, tzinfo=UTC))
    mailserver.stop()
    now = datetime.now(UTC)
    [(job, status, message)] = [r for r in schedule.run_due(demo_store, now=now) if r[0] == "digest"]
    assert status == "failed" and message.startswith("0 Wochen-E-Mail(s) gesendet, 1 fehlgeschlagen: Alsdorf, ")
    assert "nimmt keine Verbindung an" in message
    job = schedule.schedules(demo_store).set_index("job").loc["digest"]
    assert (job["last_status"], job["next_run"]) == ("failed", now + schedule.RETRY_AFTER["digest"])
    mailserver.start()
    later = now + timedelta(minutes=31)
    [(job, status, message)] = [r for r in schedule.run_due(demo_store, now=later) if r[0] == "digest"]
    assert (status, message) == ("ok", "1 Wochen-E-Mail(s) gesendet, 0 fehlgeschlagen.")
    job = schedule.schedules(demo_store).set_index("job").loc["digest"]
    assert job["next_run"] == schedule.next_run(0, "06:30", later)  # back to Monday morning
    assert len(mailserver.inbox.messages) == 1


def test_a_refusing_server_is_retried_and_a_refused_address_never_doubles_the_others(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    mailserver.inbox.refuse_data = "451 4.3.0 Bitte später noch einmal"
    [outcome] = send(demo_store, town=A)
    assert outcome.status == "failed"
    assert "hat die E-Mail nicht angenommen (451 4.3.0 Bitte später noch einmal)" in sends_row(demo_store, A)["last_error"]
    mailserver.inbox.refuse_data = None

    actions.add_digest_recipient(demo_store, ADMIN, A, "tippfehler@alsdorf.example")
    mailserver.inbox.refuse_rcpt = {"tippfehler@alsdorf.example"}
    [outcome] = send(demo_store, town=A)
    row = sends_row(demo_store, A)
    assert outcome.status == row["status"] == "failed"
    assert row["recipients"] == "presse@alsdorf.example"
    assert "diese Empfänger abgelehnt: tippfehler@alsdorf.example (550 5.1.1 Postfach unbekannt)" in row["last_error"]
    mailserver.inbox.refuse_rcpt = set()
    [outcome] = send(demo_store, town=A)
    assert outcome.status == "sent" and outcome.recipients == ["presse@alsdorf.example", "tippfehler@alsdorf.example"]
    assert len(mailserver.inbox.to("presse@alsdorf.example")) == 1  # not twice
    assert len(mailserver.inbox.to("tippfehler@alsdorf.example")) == 1


def test_without_a_mail_server_the_failure_says_what_to_set(demo_store, smtp_env):
    smtp_env.delenv("BUERGERNAH_SMTP_FROM")
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    [outcome] = send(demo_store)
    assert outcome.status == "failed"
    assert sends_row(demo_store, A)["last_error"].startswith(
        "Kein Mailserver eingerichtet: Bitte smtp_host und smtp_from setzen (Umgebung BUERGERNAH_SMTP_HOST, "
        "BUERGERNAH_SMTP_FROM oder [buergernah] in .streamlit/secrets.toml).")


def test_a_run_that_finds_the_week_being_sent_leaves_it_alone(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    with demo_store.transaction() as cur:
        cur.execute("INSERT INTO core.digest_sends VALUES ('x', ?, ?, NULL, 'sending', 0, NULL, NULL, NULL, ?)",
                    [A, WEEK, datetime.now(UTC)])
    [outcome] = send(demo_store)
    assert outcome.status == "skipped" and "wird gerade" in outcome.message and not mailserver.inbox.messages
    with demo_store.transaction() as cur:  # a claim from an interrupted run (an hour old) is taken over
        cur.execute("UPDATE core.digest_sends SET updated_at = ?", [datetime.now(UTC) - timedelta(hours=1)])
    assert [o.status for o in send(demo_store)] == ["sent"]


# -- TLS, login and the password ------------------------------------------------------------


def _certificate(tmp_path) -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(datetime.now(UTC) - timedelta(days=1))
            .not_valid_after(datetime.now(UTC) + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_starttls_login_and_the_password_appears_nowhere(demo_store, smtp_env, tmp_path):
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"buergernah" and \
            auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False, message=None if ok else "535 5.7.8 Anmeldung abgelehnt")

    server = Server(Inbox(), tls_context=context, require_starttls=True, authenticator=authenticator).start()
    try:
        smtp_env.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test certificate
        smtp_env.setenv("BUERGERNAH_SMTP_HOST", "127.0.0.1")
        smtp_env.setenv("BUERGERNAH_SMTP_PORT", str(server.port))
        smtp_env.setenv("BUERGERNAH_SMTP_USER", "buergernah")  # STARTTLS on by default with a user
        smtp_env.setenv("BUERGERNAH_SMTP_PASSWORD", PASSWORD + "-falsch")
        actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
        [outcome] = send(demo_store)
        assert outcome.status == "failed"
        error = sends_row(demo_store, A)["last_error"]
        assert error.startswith(f"Der Mailserver 127.0.0.1:{server.port} hat die Anmeldung als buergernah abgelehnt "
                                "(535 5.7.8 Anmeldung abgelehnt); bitte smtp_user und smtp_password prüfen.")
        smtp_env.setenv("BUERGERNAH_SMTP_PASSWORD", PASSWORD)
        [outcome] = send(demo_store)
        assert outcome.status == "sent" and len(server.inbox.messages) == 1
    finally:
        server.stop()
    plain = base64.b64encode(("\0buergernah\0" + PASSWORD).encode()).decode()
    redacted = digest.redact(f"AUTH PLAIN {plain} {PASSWORD}", digest.smtp_settings())
    assert redacted == "AUTH PLAIN *** ***"
    dump = "\n".join(demo_store.query_df(f"SELECT * FROM core.{t}").to_csv() for t in
                     ("digest_sends", "digest_recipients", "audit", "settings", "schedules"))
    assert PASSWORD not in dump and base64.b64encode(PASSWORD.encode()).decode() not in dump


# -- composing ------------------------------------------------------------------------------


def week_frame(platform: str, rows: list[dict]) -> pd.DataFrame:
    """A weekly_metrics-like frame of 9 weeks ending with WEEK."""
    frame = pd.DataFrame([{"platform": platform, "week_start": pd.Timestamp(WEEK - timedelta(weeks=8 - i)),
                           "followers": 1000 + i, "followers_source": "observed",
                           "followers_day": pd.Timestamp(WEEK - timedelta(weeks=8 - i) + timedelta(days=6)),
                           "followers_gained": 10, "reach": 1000, "views": 2000, "interactions": 100, "posts": 3,
                           "days_covered": 7, **row} for i, row in enumerate(rows)])
    return frame


def test_unusual_a_channel_without_posts_a_drop_below_the_usual_range_and_missing_days():
    label = weekly.iso_week_label(WEEK)
    usual = [{"reach": 1000 + 100 * i} for i in range(8)]
    block, unusual = digest._platform("instagram", week_frame("instagram", usual + [{"posts": 0, "interactions": 0,
                                                                                     "reach": 0, "views": 0}]),
                                      WEEK, label)
    assert unusual[0] == f"Instagram: kein Beitrag in {label}."
    assert unusual[1].startswith("Instagram: niedriger als in jeder der 8 vollen Wochen davor – Reichweite der "
                                 "Beiträge 0 (bisher mindestens 1.000), Aufrufe der Beiträge 0 (bisher mindestens "
                                 "2.000), Interaktionen 0 (bisher mindestens 100).")
    assert ("Beiträge", "0", "-3 (-100,0 %)") in block.rows
    # within the range: nothing unusual; only some days: said, and no change shown
    _, unusual = digest._platform("facebook", week_frame("facebook", usual + [{"reach": 1050}]), WEEK, label)
    assert unusual == []
    block, unusual = digest._platform("facebook", week_frame("facebook", usual + [{"reach": 500, "days_covered": 4}]),
                                      WEEK, label)
    assert unusual == ["Facebook: Die Daten decken nur 4 von 7 Tagen ab; die Summen sind kleiner als in einer vollen "
                       "Woche. Fehlt ein Export?"]
    assert all(change == "–" for _, _, change in block.rows)
    # no data this week after earlier data: said with the last week that had figures
    gone = usual + [{k: None for k in weekly.KPI_COLUMNS} | {"days_covered": 0}]
    block, unusual = digest._platform("tiktok", week_frame("tiktok", gone), WEEK, label)
    last = weekly.iso_week_label(WEEK - timedelta(weeks=1))
    assert block.missing == f"Für {label} liegen keine Zahlen vor; die letzten stammen aus {last}. Sind die Exporte " \
                            "der Woche schon importiert?"
    assert unusual == [f"TikTok: {block.missing}"]
    # too little history (fewer than 4 complete weeks): no drop rule
    short = [{"days_covered": 0, **{k: None for k in weekly.KPI_COLUMNS}}] * 6 + [{"reach": 900}, {"reach": 950}]
    _, unusual = digest._platform("facebook", week_frame("facebook", short + [{"reach": 10}]), WEEK, label)
    assert unusual == []


def test_text_from_files_is_escaped_and_only_web_links_are_links(demo_store, smtp_env, monkeypatch):
    evil = pd.DataFrame([{"platform": "facebook", "published_at": pd.Timestamp(f"{WEEK}T10:00", tz="UTC"),
                          "post_type": "<b>Foto</b>", "message": '<script>alert(1)</script> & <img src="http://x/y.png">',
                          "url": "javascript:alert(1)", "reach": None, "views": 5, "interactions": 2}])
    monkeypatch.setattr(digest.weekly, "top_posts", lambda *args, **kwargs: evil)
    d = digest.compose(demo_store, A, WEEK)
    assert "<script>" not in d.html and "<img" not in d.html and "<b>Foto" not in d.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in d.html
    assert "javascript:" not in d.html and "Beitrag öffnen" not in d.html
    assert "Reichweite unbekannt" in d.text and unescape("&lt;b&gt;") == "<b>"


def test_recipient_addresses_are_checked_and_kept_once_per_town(demo_store):
    actions.add_digest_recipient(demo_store, ADMIN, A, "presse@alsdorf.example")
    actions.add_digest_recipient(demo_store, ADMIN, A, " PRESSE@alsdorf.example ", with_pdf=True)
    people = digest.recipients(demo_store)
    assert people[["ags", "email", "with_pdf"]].values.tolist() == [[A, "PRESSE@alsdorf.example", True]]
    for bad in ("presse", "a@b", "x@y.de\nBcc: alle@welt.example", "müller@alsdorf.example", "a@b.de, c@d.de"):
        with pytest.raises(digest.DigestError, match="keine gültige E-Mail-Adresse"):
            actions.add_digest_recipient(demo_store, ADMIN, A, bad)
    with pytest.raises(digest.DigestError, match="Unbekannter Gemeindeschlüssel"):
        actions.add_digest_recipient(demo_store, ADMIN, "99999999", "a@b.de")


# -- who may --------------------------------------------------------------------------------


def test_only_the_towns_officers_and_admins_manage_recipients_and_send(demo_store, mailserver):
    actions.add_digest_recipient(demo_store, OFFICER_A, A, "presse@alsdorf.example")
    council, other = Actor("rat@kreis.example", council=True), Actor("presse@baesweiler.example",
                                                                      officer_of=frozenset({B}))
    before = digest.recipients(demo_store)
    for actor in (council, other, ANONYMOUS):
        with pytest.raises(Forbidden, match="Keine Berechtigung: .* die Wochen-E-Mail verwalten oder senden"):
            actions.add_digest_recipient(demo_store, actor, A, "x@alsdorf.example")
        with pytest.raises(Forbidden):
            actions.remove_digest_recipient(demo_store, actor, A, "presse@alsdorf.example")
        with pytest.raises(Forbidden):
            send(demo_store, actor, A)
    with pytest.raises(Forbidden):  # all towns at once: admins only
        send(demo_store, OFFICER_A, None)
    assert digest.recipients(demo_store).equals(before) and not mailserver.inbox.messages
    assert [o.status for o in send(demo_store, OFFICER_A, A)] == ["sent"]
    assert actions.remove_digest_recipient(demo_store, OFFICER_A, A, "presse@alsdorf.example")
    log = access.audit_log(demo_store)
    assert log["action"].tolist()[:3] == ["digest_recipient_remove", "digest_send", "digest_recipient_add"]
    assert set(log["actor"][:3]) == {OFFICER_A.id}


# -- command line and pages -----------------------------------------------------------------


def test_cli_dry_run_prints_what_would_be_sent_and_sends_nothing(demo_store, mailserver, capsys):
    actions.add_digest_recipient(demo_store, ADMIN, B, "presse@baesweiler.example", with_pdf=True)
    demo_store.close()  # the CLI opens the file itself
    assert cli(["digest", "--db", str(demo_store.path), "--dry-run", "--week", WEEK.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Baesweiler, {weekly.iso_week_label(WEEK)}: würde an presse@baesweiler.example gesendet "
                          f"(mit PDF Ratsbericht_Baesweiler_{digest.report_month(WEEK)[0]:%Y-%m}.pdf an "
                          "presse@baesweiler.example).")
    assert "Betreff: Baesweiler: Social-Media-Wochenzahlen" in out and "unbekannt" in out
    assert not mailserver.inbox.messages
    assert demo_store.query_value("SELECT count(*) FROM core.digest_sends") == 0
    demo_store.close()
    assert cli(["digest", "--db", str(demo_store.path), "--municipality", B, "--week", WEEK.isoformat()]) == 0
    assert capsys.readouterr().out.startswith(f"Baesweiler, {weekly.iso_week_label(WEEK)}: an presse@baesweiler")
    assert len(mailserver.inbox.messages) == 1
    demo_store.close()
    assert cli(["digest", "--db", str(demo_store.path), "--municipality", "12345678"]) == 2


def test_cli_digest_follows_the_recipients_language(demo_store, mailserver, capsys):
    actions.add_digest_recipient(demo_store, ADMIN, B, "council@baesweiler.example", with_pdf=True, lang="en")
    demo_store.close()  # the CLI opens the file itself
    assert cli(["digest", "--db", str(demo_store.path), "--dry-run", "--week", WEEK.isoformat()]) == 0
    out = capsys.readouterr().out
    month = f"{digest.report_month(WEEK)[0]:%Y-%m}"
    assert out.startswith(f"Baesweiler, {weekly.iso_week_label(WEEK)}: würde an council@baesweiler.example (auf "
                          f"Englisch) gesendet (mit PDF Council_report_Baesweiler_{month}.pdf an "
                          "council@baesweiler.example).")
    cw = weekly.iso_week_label(WEEK, "en")
    assert f"Betreff: Baesweiler: weekly social media figures {cw}" in out
    assert "Hello," in out and re.search(r"^  Followers +unknown +–$", out, re.M) and "Social-Media-Wochenzahlen" not in out
    demo_store.close()
    assert cli(["digest", "--db", str(demo_store.path), "--municipality", B, "--week", WEEK.isoformat()]) == 0
    [message] = mailserver.inbox.to("council@baesweiler.example")
    assert message["Subject"].startswith(f"Baesweiler: weekly social media figures {cw}")
    assert [a.get_filename() for a in message.iter_attachments()] == [f"Council_report_Baesweiler_{month}.pdf"]


def test_admin_chooses_english_for_a_recipient(demo_store, mailserver, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_DB", str(demo_store.path))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/verwaltung.py")
    at.run()
    assert not at.exception
    choice = at.selectbox(key="digest_lang")
    assert (choice.label, choice.options, choice.value) == ("Sprache der E-Mail", ["Deutsch", "Englisch"], "de")
    at.selectbox(key="digest_town").select(A)
    at.text_input(key="digest_email").input("council@alsdorf.example")
    at.selectbox(key="digest_lang").select("en")
    next(b for b in at.button if b.label == "Empfänger eintragen").click()
    at.run()
    assert not at.exception
    assert digest.recipients(demo_store)[["email", "with_pdf", "lang"]].values.tolist() == \
        [["council@alsdorf.example", False, "en"]]
    [people] = [f.value for f in at.dataframe if "email" in f.value.columns]
    assert people["lang"].tolist() == ["Englisch"]
    at.selectbox(key="digest_send_town").select(A)
    at.button(key="digest_send_now").click()
    at.run()
    assert not at.exception
    [message] = mailserver.inbox.to("council@alsdorf.example")
    assert message["Subject"].startswith(f"Alsdorf: weekly social media figures {weekly.iso_week_label(WEEK, 'en')}")
    assert "Hello," in parts(message)[2]
    # the English page names the languages in English
    english = AppTest.from_file(APP, default_timeout=90)
    english.query_params["lang"] = "en"
    english.run()
    english.switch_page("views/verwaltung.py")
    english.run()
    choice = english.selectbox(key="digest_lang")
    assert (choice.label, choice.options) == ("Language of the e-mail", ["German", "English"])
    [people] = [f.value for f in english.dataframe if "email" in f.value.columns]
    assert people["lang"].tolist() == ["English"]


def test_admin_manages_the_weekly_email_on_verwaltung(demo_store, mailserver, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_DB", str(demo_store.path))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/verwaltung.py")
    at.run()
    assert not at.exception
    assert "Wochen-E-Mail" in [s.value for s in at.subheader]
    at.selectbox(key="digest_town").select(A)
    at.text_input(key="digest_email").input("presse@alsdorf.example")
    next(b for b in at.button if b.label == "Empfänger eintragen").click()
    at.run()
    assert digest.recipients(demo_store)["email"].tolist() == ["presse@alsdorf.example"]
    at.selectbox(key="digest_send_town").select(A)
    at.button(key="digest_send_now").click()
    at.run()
    assert not at.exception
    assert any("gesendet" in s.value for s in at.success), [e.value for e in at.error]
    assert len(mailserver.inbox.messages) == 1
    assert at.dataframe[-2].value["status"].tolist() == ["gesendet"]  # the sends, before the audit log


def test_officers_see_only_their_towns_on_the_page_wochen_email(demo_store, mailserver, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_DB", str(demo_store.path))
    monkeypatch.setattr(access, "local_actor", lambda: OFFICER_A)
    actions.add_digest_recipient(demo_store, ADMIN, B, "presse@baesweiler.example")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/wochenmail.py")
    at.run()
    assert not at.exception and at.title[0].value == "Wochen-E-Mail"
    assert at.selectbox(key="digest_town").options == [f"Alsdorf (Städteregion Aachen, {A})"]
    assert [c.value for c in at.caption if "Baesweiler" in c.value] == []
    assert all("baesweiler" not in str(frame.value) for frame in at.dataframe)


def test_cli_says_the_send_results_in_buergernah_lang(demo_store, mailserver, capsys, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_LANG", "en")
    monkeypatch.setattr(digest, "PAUSE_SECONDS", 0)
    actions.add_digest_recipient(demo_store, ADMIN, B, "presse@baesweiler.example", with_pdf=True)  # gets German
    demo_store.close()  # the CLI opens the file itself
    cw = weekly.iso_week_label(WEEK, "en")
    assert cli(["digest", "--db", str(demo_store.path), "--dry-run", "--week", WEEK.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Baesweiler, {cw}: would be sent to presse@baesweiler.example (with PDF "
                          f"Ratsbericht_Baesweiler_{digest.report_month(WEEK)[0]:%Y-%m}.pdf to presse@baesweiler.example).")
    mailserver.stop()
    assert cli(["digest", "--db", str(demo_store.path), "--week", WEEK.isoformat()]) == 1
    assert capsys.readouterr().out.strip() == (
        f"Baesweiler, {cw}: The mail server 127.0.0.1:{mailserver.port} takes no connection (connection refused); are "
        "smtp_host and smtp_port right, and is the server running? Bürgernah tries again on the next run.")
    stored = sends_row(demo_store, B)["last_error"]  # kept as key and values: German for a German reader
    assert stored.text("de").startswith(f"Der Mailserver 127.0.0.1:{mailserver.port} nimmt keine Verbindung an")
