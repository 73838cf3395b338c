/*
 * test_html.c - unit tests of the HTML article extractor (src/text/html.c):
 * container choice, removal of page furniture, paragraph layout, entities,
 * metadata, encodings, and robustness on empty, junk, deep and truncated
 * input and under allocation failure.  All pages are invented for the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/mem.h"
#include "khaldun.h"
#include "text/html.h"

/* ---- helpers ---- */

typedef struct fixture {
    arena a;
    html_article art;
} fixture;

static int setup(void **state)
{
    static fixture f;
    arena_init(&f.a, 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    arena_free(&f->a);
    return 0;
}

/* 1 when s[0..n) is valid UTF-8 without NUL bytes. */
static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (c == 0 || len == 0 || i + len > n)
            return 0;
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
        for (size_t k = 1; k < len; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (u[i + k] & 0x3Fu);
        }
        static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* Extracts html[0..len) and checks the invariants every result keeps. */
static html_article *extract_n(void **state, const char *html, size_t len)
{
    fixture *f = *state;
    arena_reset(&f->a);
    assert_int_equal(html_extract(html, len, &f->a, &f->art), 0);
    assert_non_null(f->art.text);
    assert_int_equal(strlen(f->art.text), f->art.len);
    assert_true(valid_utf8(f->art.text, f->art.len));
    if (f->art.len) { /* no blank lines at either end, never two in a row */
        assert_true(f->art.text[0] != '\n' && f->art.text[0] != ' ');
        assert_true(f->art.text[f->art.len - 1] != '\n' && f->art.text[f->art.len - 1] != ' ');
        assert_null(strstr(f->art.text, "\n\n\n"));
    }
    return &f->art;
}

static html_article *extract(void **state, const char *html)
{
    return extract_n(state, html, strlen(html));
}

/* ---- a full news page ---- */

static const char NEWS_PAGE[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head>\n<meta charset=\"utf-8\">\n"
    "<title>Harbour council approves flood barrier | The Northern Ledger</title>\n"
    "<meta property=\"og:title\" content=\"Harbour council approves flood barrier - The Northern "
    "Ledger\">\n"
    "<meta property=\"og:site_name\" content=\"The Northern Ledger\">\n"
    "<meta property=\"og:url\" content=\"https://ledger.example/og-url\">\n"
    "<link rel=\"canonical\" href=\"https://ledger.example/news/flood-barrier\">\n"
    "<meta property=\"article:published_time\" content=\"2024-03-05T14:20:00+01:00\">\n"
    "<script>var x = \"<p>not text</p>\";</script>\n<style>p { color: red }</style>\n"
    "</head><body>\n"
    "<header class=\"site-header\"><a href=\"/\">The Northern Ledger</a><nav><ul>"
    "<li><a href=\"/world\">World</a></li><li><a href=\"/politics\">Politics</a></li></ul></nav>"
    "</header>\n"
    "<div class=\"layout has-sidebar\">\n<main>\n<article>\n"
    "<header class=\"article-header\"><h1>Harbour council approves flood barrier</h1>\n"
    "<div class=\"byline\">By Mara Quint, Harbour Correspondent</div>"
    "<time datetime=\"2024-03-05\">5 March 2024</time></header>\n"
    "<div class=\"share-tools\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></div>\n"
    "<figure><img src=\"barrier.jpg\" alt=\"\"><figcaption>Workers inspect the sea wall. Photo: "
    "Ledger Staff</figcaption></figure>\n"
    "<div class=\"article-body\">\n"
    "<p>The harbour council of Port Aldous voted 9 to 2 on Tuesday to build a movable flood "
    "barrier across the estuary, ending a decade of debate.</p>\n"
    "<p class=\"photo-credit\">Photo credit: Ledger Archive</p>\n"
    "<p>Mayor Ilse Varga said the barrier &amp; its pumping stations would protect 40,000 homes. "
    "&#8220;We can&#8217;t wait for the next storm,&#8221; she said.</p>\n"
    "<aside class=\"related-stories\"><h2>Related</h2><ul><li><a href=\"/a\">Storm damages "
    "pier</a></li><li><a href=\"/b\">Council budget row</a></li></ul></aside>\n"
    "<div class=\"story-related\"><a href=\"/c\">Read: how the estuary floods</a></div>\n"
    "<p>Opposition councillors argued   the\n   cost, estimated at 310 million crowns, should be "
    "shared with the national government.</p>\n"
    "<p>Share this article</p>\n"
    "<p>\xC2\xA9 2024 The Northern Ledger. All rights reserved.</p>\n"
    "</div>\n</article>\n</main>\n"
    "<div class=\"sidebar\"><h3>Most read</h3><p>A long sidebar paragraph about the fictional "
    "regional football league that is long enough to score on its own terms and more.</p>"
    "<p>Another sidebar paragraph about weather in a different fictional town, written to be long "
    "and wordy and tempting.</p></div>\n"
    "</div>\n"
    "<footer><p>Copyright 2024 The Northern Ledger</p><p>Contact us at the harbour office, we "
    "welcome letters from readers across the region.</p></footer>\n"
    "</body></html>\n";

static const char NEWS_TEXT[] =
    "Harbour council approves flood barrier\n\n"
    "The harbour council of Port Aldous voted 9 to 2 on Tuesday to build a movable flood barrier "
    "across the estuary, ending a decade of debate.\n\n"
    "Mayor Ilse Varga said the barrier & its pumping stations would protect 40,000 homes. "
    "\xE2\x80\x9CWe can\xE2\x80\x99t wait for the next storm,\xE2\x80\x9D she said.\n\n"
    "Opposition councillors argued the cost, estimated at 310 million crowns, should be shared "
    "with the national government.";

static void test_news_page_article_only(void **state)
{
    html_article *art = extract(state, NEWS_PAGE);
    assert_string_equal(art->text, NEWS_TEXT);
    assert_int_equal(art->len, strlen(NEWS_TEXT));
}

static void test_news_page_furniture_removed(void **state)
{
    html_article *art = extract(state, NEWS_PAGE);
    static const char *const gone[] = {
        "World", "Politics", "Mara Quint", "Facebook", "Photo", "Related", "Storm damages",
        "estuary floods", "Share this", "\xC2\xA9", "reserved", "sidebar", "Most read",
        "Copyright", "Contact us", "not text", "color", NULL};
    for (const char *const *g = gone; *g; g++) {
        if (strstr(art->text, *g))
            fail_msg("\"%s\" should have been removed", *g);
    }
}

static void test_news_page_metadata(void **state)
{
    html_article *art = extract(state, NEWS_PAGE);
    /* og:title with its " - Site" suffix cut because it is og:site_name */
    assert_string_equal(art->title, "Harbour council approves flood barrier");
    assert_string_equal(art->date, "2024-03-05");
    assert_string_equal(art->url, "https://ledger.example/news/flood-barrier");
    assert_string_equal(art->source, "The Northern Ledger");
}

/* The main article beats teaser <article>s and a wordy sidebar. */
static void test_main_article_beats_teasers(void **state)
{
    const char *html =
        "<html><body><section class=\"teasers\">"
        "<article><p>Teaser one about a distant ferry timetable.</p></article>"
        "<article><p>Teaser two about a bakery award in a hill town.</p></article></section>"
        "<article id=\"main\"><p>The national archive in Velmora reopened on Friday after two "
        "years of repairs to its reading rooms.</p><p>Curators said the collection of maps from "
        "the nineteenth century had been moved to a climate-controlled vault.</p></article>"
        "</body></html>";
    html_article *art = extract(state, html);
    assert_string_equal(art->text,
                        "The national archive in Velmora reopened on Friday after two years of "
                        "repairs to its reading rooms.\n\nCurators said the collection of maps "
                        "from the nineteenth century had been moved to a climate-controlled "
                        "vault.");
}

/* ---- the scoring fallback ---- */

static void test_scoring_picks_content_div(void **state)
{
    const char *html =
        "<html><head><title>Rail strike ends after talks - Valley Courier</title>"
        "<meta property=\"og:site_name\" content=\"Valley Courier\"></head><body>"
        "<div id=\"top\"><a href=\"/\">Home</a> | <a href=\"/news\">News</a> | "
        "<a href=\"/sport\">Sport</a></div>"
        "<div class=\"menu\"><ul><li><a href=\"/a\">Local</a></li><li><a href=\"/b\">Region</a>"
        "</li></ul></div>"
        "<div id=\"wrap\"><div id=\"col-left\">"
        "<p>Drivers on the Valley line returned to work on Monday after a nine-day strike over "
        "rostering ended in an agreement.</p>"
        "<p>The union said the deal limits split shifts to two a week and adds a rest day after "
        "night duty.</p>"
        "<p>Passenger numbers are expected to return to normal by Wednesday, the operator "
        "said.</p></div>"
        "<div id=\"col-right\"><p><a href=\"/x\">Opinion: why the strike mattered to the whole "
        "fictional valley</a></p><p><a href=\"/y\">Letters: readers respond to the timetable "
        "changes this spring</a></p></div></div>"
        "<div>Short bit</div></body></html>";
    html_article *art = extract(state, html);
    assert_string_equal(art->text,
                        "Drivers on the Valley line returned to work on Monday after a nine-day "
                        "strike over rostering ended in an agreement.\n\n"
                        "The union said the deal limits split shifts to two a week and adds a "
                        "rest day after night duty.\n\n"
                        "Passenger numbers are expected to return to normal by Wednesday, the "
                        "operator said.");
    /* no og:title and no h1: <title> with its " - Site" suffix cut */
    assert_string_equal(art->title, "Rail strike ends after talks");
    assert_string_equal(art->source, "Valley Courier");
    assert_null(art->date);
    assert_null(art->url);
}

/* Paragraphs split over sibling divs are gathered together. */
static void test_scoring_merges_sibling_blocks(void **state)
{
    const char *html =
        "<html><body><div class=\"page\">"
        "<div class=\"block\"><p>The lighthouse keepers of Skarn Island voted to accept a new "
        "contract, ending a dispute that began in the spring.</p>"
        "<p>Their union said the agreement restores the overnight allowance.</p></div>"
        "<div class=\"block\"><p>The island council welcomed the vote and said ferry crossings "
        "would resume their winter timetable next week.</p>"
        "<p>Keepers had worked to rule for eleven weeks, refusing overtime.</p></div>"
        "</div></body></html>";
    html_article *art = extract(state, html);
    assert_non_null(strstr(art->text, "lighthouse keepers"));
    assert_non_null(strstr(art->text, "worked to rule"));
}

/* No paragraph scores: every <p> of the body is kept. */
static void test_fallback_all_paragraphs(void **state)
{
    html_article *art =
        extract(state, "<html><body><div><p>Floods.</p></div><span>x</span><p>Dams hold.</p>"
                       "<nav><p>Menu text</p></nav></body></html>");
    assert_string_equal(art->text, "Floods.\n\nDams hold.");
}

/* Layout wrappers whose class names look like furniture ("with-sidebar")
 * are kept when they hold the page's text, even with nothing marking it. */
static void test_layout_wrapper_classes(void **state)
{
    const char *html =
        "<html><body><div class=\"page with-sidebar nav-open\"><div class=\"col\">"
        "<p>The water board of Lindholm raised its forecast for spring flooding after record "
        "snowfall in the northern hills this winter.</p>"
        "<p>Engineers have begun reinforcing the dikes along the lower river, the board said "
        "in a statement on Thursday.</p></div></div></body></html>";
    html_article *art = extract(state, html);
    assert_non_null(strstr(art->text, "water board of Lindholm"));
    assert_non_null(strstr(art->text, "reinforcing the dikes"));
}

/* When the class/id rules leave nothing (the text is spread over boxes with
 * furniture names, none holding most of it), the page is read without them.
 * A furniture-named box holding most of an unmarked page's text counts as a
 * layout wrapper and is kept by the strict pass. */
static void test_lenient_when_rules_leave_nothing(void **state)
{
    html_article *art = extract(
        state, "<html><body><div class=\"promo-box\"><p>The orchard cooperative of Dunmore "
               "reported its best apple harvest in a decade.</p></div>"
               "<div class=\"social-feed\"><p>Growers credited a mild spring and a dry, warm "
               "September for the crop.</p></div>"
               "<div class=\"related-links\"><p>Cider makers expect prices to fall slightly "
               "before the winter markets.</p></div></body></html>");
    assert_non_null(strstr(art->text, "orchard cooperative"));
    assert_non_null(strstr(art->text, "mild spring"));
    assert_non_null(strstr(art->text, "Cider makers"));
    art = extract(state, "<html><body><div class=\"promo-box\"><p>The orchard cooperative of "
                         "Dunmore reported its best apple harvest in a decade.</p></div>"
                         "<div class=\"social-feed\"><p>Short social line.</p></div>"
                         "</body></html>");
    assert_string_equal(art->text, "The orchard cooperative of Dunmore reported its best apple "
                                   "harvest in a decade.");
}

/* A page wrapped in one <form> (ASP.NET style) keeps its content. */
static void test_form_wrapper_kept(void **state)
{
    const char *html =
        "<html><body><form id=\"aspnetForm\" method=\"post\"><div id=\"story\">"
        "<p>The ministry of transport in Orrin announced a new toll on the coastal highway, "
        "to take effect in June.</p><p>Drivers' groups criticised the decision.</p></div>"
        "<input type=\"submit\" value=\"Go\"></form></body></html>";
    html_article *art = extract(state, html);
    assert_non_null(strstr(art->text, "coastal highway"));
    assert_null(strstr(art->text, "Go"));
}

/* ---- furniture ---- */

static void test_class_words(void **state)
{
    const char *html =
        "<html><body><article>"
        "<h1 class=\"headline\">Dockers end strike</h1>"
        "<p class=\"lead\">Dock workers at Fennport ended a two-week strike on Sunday.</p>"
        "<div class=\"shadow-box\"><p>Ships queued outside the harbour wall for days.</p></div>"
        "<div class=\"article-header-title\"><p>Kicker text</p><h2>A subhead stays</h2></div>"
        "<div class=\"ad-slot\">Ad text one</div><div class=\"top_ad\">Ad text two</div>"
        "<div id=\"socialShare\">Share widget</div>"
        "<div class=\"newsletter-signup\"><p>Sign up for our morning briefing now</p></div>"
        "<p>Cargo <span class=\"sr-only\">(opens in new window)</span>moves again.</p>"
        "<div hidden>Hidden one</div><div aria-hidden=\"true\">Hidden two</div>"
        "<div style=\"DISPLAY: none\">Hidden three</div>"
        "<p class=\"image-caption\">Cranes at dawn</p>"
        "<div class=\"author-bio\"><p>Lena Ostrova covers ports.</p></div>"
        "<section id=\"comments-area\"><p>First! Great article about the dock.</p></section>"
        "<div class=\"tags\"><a href=\"/t\">Ports</a></div>"
        "</article></body></html>";
    html_article *art = extract(state, html);
    assert_string_equal(art->text, "Dockers end strike\n\n"
                                   "Dock workers at Fennport ended a two-week strike on Sunday.\n\n"
                                   "Ships queued outside the harbour wall for days.\n\n"
                                   "A subhead stays\n\n"
                                   "Cargo moves again.");
}

static void test_furniture_paragraphs(void **state)
{
    const char *html =
        "<html><body><article>"
        "<p>The regional assembly of Tamsk passed the budget by a single vote.</p>"
        "<p>Share on Facebook</p><p>Facebook Twitter Email</p>"
        "<p><a href=\"/more\">Watch: the moment the vote was announced</a></p>"
        "<p>Copyright (c) 2023 Tamsk Herald Ltd</p><p>All Rights Reserved.</p>"
        "<p>Shares in the regional utility rose after the vote.</p>"
        "<p>The court heard a claim under copyright law brought by a local author.</p>"
        "<p>(c) the third clause was struck out.</p>"
        "</article></body></html>";
    html_article *art = extract(state, html);
    assert_string_equal(art->text,
                        "The regional assembly of Tamsk passed the budget by a single vote.\n\n"
                        "Shares in the regional utility rose after the vote.\n\n"
                        "The court heard a claim under copyright law brought by a local author.\n\n"
                        "(c) the third clause was struck out.");
}

/* ---- layout ---- */

static void test_paragraphs_and_breaks(void **state)
{
    const char *html =
        "<html><body><article>"
        "<p>  First   line<br>second\tline<br/><br>new   paragraph  </p>"
        "<div>Loose text<p>inner paragraph</p>tail text</div>"
        "<pre>code line 1\n  code line 2\n</pre>"
        "<ul><li>Item one</li><li>Item <b>t</b>wo</li></ul>"
        "<blockquote>A quote.</blockquote><h3>Heading</h3><p></p><p> </p><p>&nbsp;</p>"
        "<table><tr><td>Cell A</td><td>Cell B</td></tr></table>"
        "</article></body></html>";
    html_article *art = extract(state, html);
    assert_string_equal(art->text, "First line\nsecond line\n\nnew paragraph\n\n"
                                   "Loose text\n\ninner paragraph\n\ntail text\n\n"
                                   "code line 1\ncode line 2\n\n"
                                   "Item one\n\nItem two\n\n"
                                   "A quote.\n\nHeading\n\n"
                                   "Cell A\n\nCell B");
}

static void test_entities(void **state)
{
    html_article *art = extract(
        state, "<html><body><article><p>Smith &amp; Sons&#8217; barge &quot;Nell&quot; "
               "&lt;sank&gt; at 5&nbsp;am &#150; or so&#146;s the &eacute;clat of it.</p>"
               "</article></body></html>");
    assert_string_equal(art->text, "Smith & Sons\xE2\x80\x99 barge \"Nell\" <sank> at 5 am "
                                   "\xE2\x80\x93 or so\xE2\x80\x99s the \xC3\xA9" "clat of it.");
}

/* ---- metadata ---- */

static void test_title_from_h1_and_meta_name_date(void **state)
{
    html_article *art = extract(
        state, "<html><head><title>Other | Site</title><meta name=\"date\" content=\"2023/11/07\">"
               "<meta property=\"og:url\" content=\" https://x.example/a \"></head><body>"
               "<header><h1>Site logo</h1></header>"
               "<article><h1>Bridge <em>reopens</em></h1><p>The bridge reopened.</p></article>"
               "</body></html>");
    assert_string_equal(art->title, "Bridge reopens");
    assert_string_equal(art->date, "2023-11-07");
    assert_string_equal(art->url, "https://x.example/a");
    assert_null(art->source);
}

static void test_invalid_dates_skipped(void **state)
{
    html_article *art = extract(
        state, "<html><head>"
               "<meta property=\"article:published_time\" content=\"2023-02-29T10:00:00Z\">"
               "<meta name=\"pubdate\" content=\"not a date\"></head><body>"
               "<span itemprop=\"datePublished\" content=\"2024-02-29T08:00\">Feb 29</span>"
               "<article><p>Leap day story.</p></article></body></html>");
    assert_string_equal(art->date, "2024-02-29");
}

static void test_date_from_time_in_article(void **state)
{
    html_article *art = extract(
        state, "<html><body><time datetime=\"2020-01-01\">old</time><article>"
               "<div class=\"byline\">By A. Writer <time datetime=\"2022-12-01T09:00:00Z\">"
               "1 Dec</time></div><p>Snow closed the pass.</p></article></body></html>");
    assert_string_equal(art->date, "2022-12-01");
    assert_string_equal(art->text, "Snow closed the pass.");
}

static void test_date_formats(void **state)
{
    static const struct {
        const char *value, *want;
    } cases[] = {
        {"Sun, 14 May 2023 10:00:00 GMT", "2023-05-14"},
        {"May 14, 2023", "2023-05-14"},
        {"Sept 3 2021", "2021-09-03"},
        {"20191231", "2019-12-31"},
        {"2019.1.5", "2019-01-05"},
        {"2021-13-01", NULL},
        {"2021-04-31", NULL},
        {"1900-02-29", NULL},
        {"2000-02-29", "2000-02-29"},
        {"12345-01-01", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[256];
        snprintf(html, sizeof html,
                 "<html><head><meta name=\"DC.date.issued\" content=\"%s\"></head>"
                 "<body><p>x</p></body></html>",
                 cases[i].value);
        html_article *art = extract(state, html);
        if (cases[i].want)
            assert_string_equal(art->date, cases[i].want);
        else
            assert_null(art->date);
    }
}

static void test_date_from_json_ld(void **state)
{
    html_article *art = extract(
        state, "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
               "\"datePublished\" : \"2021-06-30T18:05:00+02:00\"}</script></head>"
               "<body><p>Heat wave.</p></body></html>");
    assert_string_equal(art->date, "2021-06-30");
}

static void test_title_tag_fallback_keeps_other_suffix(void **state)
{
    html_article *art = extract(
        state, "<html><head><title>  Grain prices fall | Farm Weekly  </title>"
               "<meta property=\"og:site_name\" content=\"Other Site\"></head>"
               "<body><p>Grain.</p></body></html>");
    assert_string_equal(art->title, "Grain prices fall | Farm Weekly");
}

/* ---- encodings ---- */

static void test_latin1_declared(void **state)
{
    html_article *art = extract(
        state, "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9</title></head>"
               "<body><article><p>The caf\xE9 in Mal\xF6 closed \x96 it\x92s gone.</p>"
               "</article></body></html>");
    assert_string_equal(art->text, "The caf\xC3\xA9 in Mal\xC3\xB6 closed \xE2\x80\x93 "
                                   "it\xE2\x80\x99s gone.");
    assert_string_equal(art->title, "Caf\xC3\xA9");
}

static void test_utf8_undeclared(void **state)
{
    const char *text = "Z\xC3\xBCrich na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D "
                       "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE5\x8C\x97\xE4\xBA\xAC "
                       "\xF0\x9F\x8C\x8A";
    char html[512];
    snprintf(html, sizeof html, "<html><body><article><p>%s</p></article></body></html>", text);
    assert_string_equal(extract(state, html)->text, text);
    /* the same with a UTF-8 byte order mark */
    snprintf(html, sizeof html, "\xEF\xBB\xBF<p>%s</p>", text);
    assert_string_equal(extract(state, html)->text, text);
}

/* UTF-8 bytes under a wrong Latin-1 label are read as UTF-8. */
static void test_utf8_misdeclared(void **state)
{
    html_article *art = extract(
        state, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
               "charset=ISO-8859-1\"></head><body><p>Malm\xC3\xB6 caf\xC3\xA9</p></body></html>");
    assert_string_equal(art->text, "Malm\xC3\xB6 caf\xC3\xA9");
}

/* Mostly UTF-8 with a stray byte: repaired, the rest stays UTF-8. */
static void test_utf8_with_stray_byte(void **state)
{
    html_article *art =
        extract(state, "<p>caf\xC3\xA9 \xE9t\xC3\xA9 na\xC3\xAFve</p>");
    assert_string_equal(art->text, "caf\xC3\xA9 \xEF\xBF\xBDt\xC3\xA9 na\xC3\xAFve");
}

/* Undeclared single-byte text is read as windows-1252. */
static void test_windows1252_undeclared(void **state)
{
    html_article *art = extract(state, "<p>\x93" "Caf\xE9\x94 na\xEFve</p>");
    assert_string_equal(art->text, "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D na\xC3\xAFve");
}

/* Bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) made
 * libxml2's iconv decoder stop the parse; they are now skipped. */
static void test_windows1252_undefined_bytes(void **state)
{
    html_article *art = extract(
        state, "<html><head><meta charset=\"windows-1252\"></head><body><p>Before\x81 the "
               "gap\x8D\x8F\x90\x9D and after \x80" "5.</p><p>Second paragraph.</p></body></html>");
    assert_string_equal(art->text, "Before the gap and after \xE2\x82\xAC" "5.\n\nSecond paragraph.");
}

/* ---- robustness ---- */

static void test_empty_input(void **state)
{
    fixture *f = *state;
    html_article *art = extract_n(state, "", 0);
    assert_int_equal(art->len, 0);
    assert_string_equal(art->text, "");
    assert_null(art->title);
    assert_null(art->date);
    assert_null(art->url);
    assert_null(art->source);
    assert_int_equal(html_extract(NULL, 0, &f->a, &f->art), 0);
    assert_string_equal(f->art.text, "");
    art = extract(state, "   \n\t ");
    assert_int_equal(art->len, 0);
    art = extract(state, "<html><head><title> </title></head><body><div></div></body></html>");
    assert_int_equal(art->len, 0);
    assert_null(art->title);
}

static void test_binary_junk(void **state)
{
    enum { N = 64 * 1024 };
    static char junk[N];
    uint32_t x = 2463534242u;
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < N; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            junk[i] = round == 3 ? "<>/&;!-p \"=\xC3\xA9"[x % 13] : (char)(x >> 24);
        }
        extract_n(state, junk, N); /* checks the invariants */
    }
}

static void test_truncated_and_unclosed(void **state)
{
    static const char *const pages[] = {
        "<p>Open paragraph", "<html><body><p>Text</p><!-- unclosed comment <p>lost",
        "<div class=\"", "<p>a &#x", "<p>a &", "<![CDATA[ x", "<scr", "</", "<",
        "<p>Ends mid sequence \xE2\x80", "<meta charset=\"", "<meta charset=utf-16><p>hi</p>",
        "\xFF\xFE<\0p\0>\0h\0i\0", "<svg><title>T</title></svg><p>x</p>",
        "<template><p>in template</p></template><p>out</p>"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        extract_n(state, pages[i], i == 12 ? 12 : strlen(pages[i]));
    assert_string_equal(extract(state, "<p>Open paragraph")->text, "Open paragraph");
    assert_string_equal(extract(state, "<template><p>in template</p></template><p>out</p>")->text,
                        "out");
}

/* 100000 nested divs: libxml2 stops at its depth limit, our walks are
 * iterative, and the text before the nest survives. */
static void test_deep_nesting(void **state)
{
    enum { DEPTH = 100000 };
    buf b = BUF_INIT;
    buf_puts(&b, "<html><body><p>Opening paragraph before the nest.</p>");
    for (int i = 0; i < DEPTH; i++)
        buf_puts(&b, "<div class=\"x\">");
    buf_puts(&b, "deep text");
    for (int i = 0; i < DEPTH; i++)
        buf_puts(&b, "</div>");
    buf_puts(&b, "</body></html>");
    assert_false(b.failed);
    html_article *art = extract_n(state, b.p, b.len);
    assert_non_null(strstr(art->text, "Opening paragraph before the nest."));
    buf_free(&b);

    /* many siblings, each a long paragraph, and unclosed list items */
    buf_puts(&b, "<ul>");
    for (int i = 0; i < 20000; i++)
        buf_puts(&b, "<li>Item text that is long enough to be counted as a paragraph");
    art = extract_n(state, b.p, b.len);
    assert_true(art->len > 0);
    buf_free(&b);
}

/* ---- allocation failure ---- */

static long alloc_budget;

static void *failing_alloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (alloc_budget-- <= 0)
        return NULL;
    return realloc(ptr, size);
}

static void test_allocation_failure(void **state)
{
    (void)state;
    int failures = 0, successes = 0;
    for (long budget = 0; budget < 400 && successes < 3; budget++) {
        arena a;
        arena_init(&a, 4096);
        html_article art;
        alloc_budget = budget;
        kh_set_allocator(failing_alloc, NULL);
        int rc = html_extract(NEWS_PAGE, sizeof NEWS_PAGE - 1, &a, &art);
        kh_set_allocator(NULL, NULL);
        if (rc == 0) {
            successes++;
            assert_string_equal(art.text, NEWS_TEXT);
        } else {
            assert_int_equal(rc, -1);
            failures++;
        }
        arena_free(&a);
    }
    assert_true(failures > 0);
    assert_true(successes > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_page_article_only),
        cmocka_unit_test(test_news_page_furniture_removed),
        cmocka_unit_test(test_news_page_metadata),
        cmocka_unit_test(test_main_article_beats_teasers),
        cmocka_unit_test(test_scoring_picks_content_div),
        cmocka_unit_test(test_scoring_merges_sibling_blocks),
        cmocka_unit_test(test_fallback_all_paragraphs),
        cmocka_unit_test(test_layout_wrapper_classes),
        cmocka_unit_test(test_lenient_when_rules_leave_nothing),
        cmocka_unit_test(test_form_wrapper_kept),
        cmocka_unit_test(test_class_words),
        cmocka_unit_test(test_furniture_paragraphs),
        cmocka_unit_test(test_paragraphs_and_breaks),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_title_from_h1_and_meta_name_date),
        cmocka_unit_test(test_invalid_dates_skipped),
        cmocka_unit_test(test_date_from_time_in_article),
        cmocka_unit_test(test_date_formats),
        cmocka_unit_test(test_date_from_json_ld),
        cmocka_unit_test(test_title_tag_fallback_keeps_other_suffix),
        cmocka_unit_test(test_latin1_declared),
        cmocka_unit_test(test_utf8_undeclared),
        cmocka_unit_test(test_utf8_misdeclared),
        cmocka_unit_test(test_utf8_with_stray_byte),
        cmocka_unit_test(test_windows1252_undeclared),
        cmocka_unit_test(test_windows1252_undefined_bytes),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_truncated_and_unclosed),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_allocation_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
