"""Recorded API responses (shapes as the APIs send them; values invented for a town account).

Mastodon: docs.joinmastodon.org entities Account/Status; Graph: platform-exports.md §13–14;
YouTube Analytics: resultTable with columnHeaders/rows (§8).
"""

from __future__ import annotations

MASTODON_ACCOUNT = {
    "id": "109283749", "username": "stadt", "acct": "stadt", "display_name": "Stadt Würselen",
    "locked": False, "bot": False, "discoverable": True, "group": False,
    "created_at": "2022-11-07T00:00:00.000Z", "note": "<p>Offizielles Konto der Stadt</p>",
    "url": "https://social.example/@stadt", "avatar": "https://social.example/avatars/original/missing.png",
    "followers_count": 1532, "following_count": 48, "statuses_count": 6, "last_status_at": "2026-11-20",
    "emojis": [], "fields": [],
}


def status(sid: str, created_at: str, *, favourites: int, reblogs: int, replies: int, content: str,
           quotes: int | None = None, reblog: dict | None = None, in_reply_to_account_id: str | None = None,
           mentions: list | None = None, visibility: str = "public", media: str | None = None) -> dict:
    data = {
        "id": sid, "created_at": created_at, "in_reply_to_id": "1" if in_reply_to_account_id else None,
        "in_reply_to_account_id": in_reply_to_account_id, "sensitive": False, "spoiler_text": "",
        "visibility": visibility, "language": "de", "uri": f"https://social.example/users/stadt/statuses/{sid}",
        "url": f"https://social.example/@stadt/{sid}", "replies_count": replies, "reblogs_count": reblogs,
        "favourites_count": favourites, "edited_at": None, "content": content, "reblog": reblog,
        "account": {"id": "109283749", "username": "stadt", "acct": "stadt"},
        "media_attachments": [{"id": "9" + sid, "type": media, "url": "https://files.example/x"}] if media else [],
        "mentions": mentions or [], "tags": [], "emojis": [], "card": None, "poll": None,
    }
    if quotes is not None:
        data["quotes_count"] = quotes
    return data


BOOST = status("113500000000000005", "2026-11-19T10:00:00.000Z", favourites=0, reblogs=0, replies=0,
               content="", reblog={"id": "999", "content": "<p>fremder Beitrag</p>",
                                   "account": {"id": "5", "acct": "landrat@kreis.example"}})
REPLY_TO_CITIZEN = status(
    "113500000000000004", "2026-11-18T09:00:00.000Z", favourites=1, reblogs=0, replies=0,
    in_reply_to_account_id="4711",
    mentions=[{"id": "4711", "username": "buerger", "acct": "buerger@other.example",
               "url": "https://other.example/@buerger"}],
    content='<p><span class="h-card"><a href="https://other.example/@buerger" class="u-url mention">'
            '@<span>buerger</span></a></span> Danke für den Hinweis!</p>')

PAGE_1 = [
    BOOST,
    status("113500000000000006", "2026-11-20T16:30:00.000Z", favourites=12, reblogs=5, replies=2, quotes=1,
           content='<p>Weihnachtsmarkt ab Freitag &amp; bis Sonntag!<br>Infos: <a href="https://www.wuerselen.de/'
                   'weihnachtsmarkt" rel="nofollow noopener" target="_blank"><span class="invisible">https://www.'
                   '</span><span class="ellipsis">wuerselen.de/weihnachtsm</span><span class="invisible">arkt'
                   '</span></a></p><p>Mit <span class="h-card"><a href="https://kreis.example/@landrat" '
                   'class="u-url mention">@<span>landrat</span></a></span></p>',
           mentions=[{"id": "5", "username": "landrat", "acct": "landrat@kreis.example",
                      "url": "https://kreis.example/@landrat"}], media="image"),
    REPLY_TO_CITIZEN,
]
PAGE_2 = [
    status("113400000000000003", "2026-11-10T08:00:00.000Z", favourites=30, reblogs=9, replies=4, quotes=0,
           content="<p>Baustelle Kaiserstraße: Umleitung bis 30.11.</p>"),
    status("113300000000000002", "2026-10-01T08:00:00.000Z", favourites=7, reblogs=1, replies=0,
           content="<p>Ratssitzung am Donnerstag</p>", visibility="unlisted"),
    status("113200000000000001", "2026-09-01T08:00:00.000Z", favourites=3, reblogs=0, replies=1,
           content="<p>Private Nachricht</p>", visibility="private"),
]

# ---------------------------------------------------------------------------------------------
# Meta Graph API
PAGE_ID = "104857600123"
IG_ID = "17841400000000001"
PAGE_NODE = {"id": PAGE_ID, "name": "Stadt Würselen", "link": "https://www.facebook.com/stadt.wuerselen",
             "followers_count": 8123}


def series(name: str, values: list[tuple[str, int]], period: str = "day") -> dict:
    return {"name": name, "period": period,
            "values": [{"value": v, "end_time": end} for end, v in values],
            "title": name, "description": f"Daily: {name}", "id": f"{PAGE_ID}/insights/{name}/{period}"}


# end_time T08:00:00+0000 is midnight Pacific in winter: closes the day before
PAGE_INSIGHTS = {"data": [
    series("page_follows", [("2026-11-20T08:00:00+0000", 8100), ("2026-11-21T08:00:00+0000", 8110)]),
    series("page_daily_follows_unique", [("2026-11-20T08:00:00+0000", 14), ("2026-11-21T08:00:00+0000", 12)]),
    series("page_daily_unfollows_unique", [("2026-11-20T08:00:00+0000", 3), ("2026-11-21T08:00:00+0000", 2)]),
    series("page_media_view", [("2026-11-20T08:00:00+0000", 5400), ("2026-11-21T08:00:00+0000", 6100)]),
    series("page_total_media_view_unique", [("2026-11-20T08:00:00+0000", 3100),
                                            ("2026-11-21T08:00:00+0000", 3500)]),
    series("page_views_total", [("2026-11-20T08:00:00+0000", 88), ("2026-11-21T08:00:00+0000", 91)]),
], "paging": {"previous": "https://graph.facebook.com/v24.0/prev", "next": "https://graph.facebook.com/v24.0/next"}}

GRAPH_INVALID_METRIC = {"error": {
    "message": "(#100) The value must be a valid insights metric", "type": "OAuthException",
    "code": 100, "fbtrace_id": "AbCdEfGh123"}}
GRAPH_EXPIRED = {"error": {
    "message": "Error validating access token: Session has expired on Friday, 20-Nov-26 10:00:00 PST.",
    "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "AxYz987"}}

FB_POSTS_1 = {"data": [
    {"id": f"{PAGE_ID}_900001", "created_time": "2026-11-20T15:00:00+0000", "message": "Weihnachtsmarkt!",
     "permalink_url": "https://www.facebook.com/stadt.wuerselen/posts/900001", "status_type": "added_photos",
     "shares": {"count": 17},
     "reactions": {"data": [], "summary": {"total_count": 240, "viewer_reaction": "NONE"}},
     "comments": {"data": [], "summary": {"order": "ranked", "total_count": 31, "can_comment": True}}},
], "paging": {"cursors": {"before": "QVFIUa", "after": "QVFIUb"},
              "next": "__NEXT__"}}
FB_POSTS_2 = {"data": [
    {"id": f"{PAGE_ID}_900000", "created_time": "2026-11-12T09:00:00+0000", "message": "Sperrung Kaiserstraße",
     "permalink_url": "https://www.facebook.com/stadt.wuerselen/posts/900000", "status_type": "mobile_status_update",
     "reactions": {"data": [], "summary": {"total_count": 55}},
     "comments": {"data": [], "summary": {"total_count": 9}}},
], "paging": {"cursors": {"before": "QVFIUc", "after": "QVFIUd"}}}


def post_insights(post_id: str, views: int, reach: int, clicks: int) -> dict:
    return {"data": [
        {"name": "post_media_view", "period": "lifetime", "values": [{"value": views}],
         "id": f"{post_id}/insights/post_media_view/lifetime"},
        {"name": "post_total_media_view_unique", "period": "lifetime", "values": [{"value": reach}],
         "id": f"{post_id}/insights/post_total_media_view_unique/lifetime"},
        {"name": "post_clicks", "period": "lifetime", "values": [{"value": clicks}],
         "id": f"{post_id}/insights/post_clicks/lifetime"},
    ]}


IG_NODE = {"id": IG_ID, "username": "stadt.wuerselen", "name": "Stadt Würselen", "followers_count": 4321,
           "media_count": 2}
IG_SERIES = {"data": [
    {"name": "reach", "period": "day", "values": [{"value": 900, "end_time": "2026-11-21T08:00:00+0000"}],
     "id": f"{IG_ID}/insights/reach/day"},
    {"name": "follower_count", "period": "day", "values": [{"value": 7, "end_time": "2026-11-21T08:00:00+0000"}],
     "id": f"{IG_ID}/insights/follower_count/day"},
]}
IG_TOTALS = {"data": [
    {"name": "views", "period": "day", "total_value": {"value": 2500}, "id": f"{IG_ID}/insights/views/day"},
    {"name": "total_interactions", "period": "day", "total_value": {"value": 130},
     "id": f"{IG_ID}/insights/total_interactions/day"},
    {"name": "profile_views", "period": "day", "total_value": {"value": 60}, "id": f"{IG_ID}/insights/profile_views/day"},
    {"name": "website_clicks", "period": "day", "total_value": {"value": 4},
     "id": f"{IG_ID}/insights/website_clicks/day"},
]}
IG_DEMOGRAPHICS = {"data": [{
    "name": "follower_demographics", "period": "lifetime", "title": "Follower demographics",
    "description": "The demographic characteristics of followers, including countries, cities and gender distribution.",
    "total_value": {"breakdowns": [{"dimension_keys": ["age", "gender"], "results": [
        {"dimension_values": ["18-24", "F"], "value": 300}, {"dimension_values": ["18-24", "M"], "value": 200},
        {"dimension_values": ["25-34", "F"], "value": 900}, {"dimension_values": ["25-34", "M"], "value": 600},
        {"dimension_values": ["35-44", "F"], "value": 700}, {"dimension_values": ["35-44", "M"], "value": 500},
        {"dimension_values": ["45-54", "F"], "value": 400}, {"dimension_values": ["45-54", "U"], "value": 100},
        {"dimension_values": ["65+", "M"], "value": 300},
    ]}]},
    "id": f"{IG_ID}/insights/follower_demographics/lifetime"}]}
IG_DEMOGRAPHICS_EMPTY = {"data": [{"name": "follower_demographics", "period": "lifetime",
                                   "total_value": {"breakdowns": []}, "id": "x"}]}
IG_MEDIA = {"data": [
    {"id": "18000000000000002", "caption": "Adventsbeleuchtung", "media_type": "IMAGE",
     "media_product_type": "FEED", "timestamp": "2026-11-19T17:00:00+0000",
     "permalink": "https://www.instagram.com/p/AAA/", "like_count": 410, "comments_count": 12},
    {"id": "18000000000000001", "caption": "Stadtfest Rückblick", "media_type": "VIDEO",
     "media_product_type": "REELS", "timestamp": "2026-11-02T12:00:00+0000",
     "permalink": "https://www.instagram.com/reel/BBB/", "like_count": 880, "comments_count": 40},
], "paging": {"cursors": {"before": "a", "after": "b"}}}


def ig_media_insights(views: int, reach: int, saved: int, shares: int) -> dict:
    return {"data": [{"name": n, "period": "lifetime", "values": [{"value": v}], "id": f"m/insights/{n}/lifetime"}
                     for n, v in (("views", views), ("reach", reach), ("saved", saved), ("shares", shares))]}


# ---------------------------------------------------------------------------------------------
# YouTube Analytics API
CHANNEL_ID = "UCa1b2c3d4e5f6g7h8i9j0kl"
YT_DAILY = {"kind": "youtubeAnalytics#resultTable", "columnHeaders": [
    {"name": "day", "columnType": "DIMENSION", "dataType": "STRING"},
    {"name": "views", "columnType": "METRIC", "dataType": "INTEGER"},
    {"name": "estimatedMinutesWatched", "columnType": "METRIC", "dataType": "INTEGER"},
    {"name": "subscribersGained", "columnType": "METRIC", "dataType": "INTEGER"},
    {"name": "subscribersLost", "columnType": "METRIC", "dataType": "INTEGER"},
], "rows": [["2026-11-19", 120, 300, 4, 1], ["2026-11-20", 150, 420, 6, 0], ["2026-11-21", 90, 200, 2, 3]]}
YT_DEMOGRAPHICS = {"kind": "youtubeAnalytics#resultTable", "columnHeaders": [
    {"name": "ageGroup", "columnType": "DIMENSION", "dataType": "STRING"},
    {"name": "gender", "columnType": "DIMENSION", "dataType": "STRING"},
    {"name": "viewerPercentage", "columnType": "METRIC", "dataType": "FLOAT"},
], "rows": [["age18-24", "female", 10.0], ["age25-34", "male", 25.5], ["age35-44", "female", 30.0],
            ["age45-54", "user_specified", 4.5], ["age65-", "male", 30.0]]}
YT_EMPTY = {"kind": "youtubeAnalytics#resultTable", "columnHeaders": YT_DAILY["columnHeaders"]}
YT_UNAUTHENTICATED = {"error": {
    "code": 401, "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential.", "errors": [
        {"message": "Invalid Credentials", "domain": "global", "reason": "authError",
         "location": "Authorization", "locationType": "header"}], "status": "UNAUTHENTICATED"}}
