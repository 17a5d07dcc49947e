"""Page chrome of five kinds of site, for the cleaning page set (see ``make_pages.py``).

Each layout wraps an article body in the furniture real sites put around it: a
navigation bar, breadcrumbs, a sidebar of "most read" links, a cookie notice, a
footer. What the layout adds is never article text; the body's own boilerplate
blocks (bylines, share prompts) are marked in the page specs instead.
"""

from __future__ import annotations

from html import escape

NAV = {
    "en": ["Home", "World", "Harbor", "Business", "Sport", "Opinion"],
    "de": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"],
    "ru": ["Главная", "Политика", "Экономика", "Спорт", "Культура"],
    "ar": ["الرئيسية", "سياسة", "اقتصاد", "رياضة", "ثقافة"],
    "ja": ["ホーム", "政治", "経済", "スポーツ", "文化"],
    "zh": ["首页", "国内", "财经", "体育", "文化"],
}
MOST_READ = {
    "en": ["Ferry fares rise for the third time", "Council delays the bridge vote", "Storm closes the north road"],
    "de": ["Fährpreise steigen erneut", "Stadtrat vertagt Brückenentscheid", "Sturm sperrt die Nordstraße"],
    "ru": ["Цены на паром снова растут", "Совет отложил голосование", "Шторм закрыл северную дорогу"],
    "ar": ["ارتفاع أسعار العبارات مرة أخرى", "المجلس يؤجل التصويت على الجسر", "العاصفة تغلق الطريق الشمالي"],
    "ja": ["フェリー運賃が再び値上げ", "議会が橋の採決を延期", "嵐で北部道路が通行止め"],
    "zh": ["渡轮票价再次上涨", "议会推迟大桥表决", "暴风雨封闭北部公路"],
}


def _nav(lang: str) -> str:
    return "".join(f'<li><a href="/{i}">{escape(x)}</a></li>' for i, x in enumerate(NAV[lang]))


def _most_read(lang: str) -> str:
    return "".join(f'<li><a href="/read/{i}">{escape(x)}</a></li>' for i, x in enumerate(MOST_READ[lang]))


def newsroom(page: dict, body: str) -> str:
    """A newspaper site: semantic <article>, header and time, a sidebar, a big footer."""
    lang = page["lang"]
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(page['title'])} | {escape(page['site'])}</title>
<meta property="og:site_name" content="{escape(page['site'])}">
</head><body>
<header class="site-header"><a class="logo" href="/">{escape(page['site'])}</a>
<nav class="main-nav"><ul>{_nav(lang)}</ul></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience. <a href="/privacy">Privacy</a></p></div>
<main><div class="layout">
<article class="story">
<header><h1 class="headline">{escape(page['title'])}</h1></header>
<div class="story-body">
{body}
</div>
</article>
<aside class="sidebar"><h2>Most read</h2><ol>{_most_read(lang)}</ol></aside>
</div></main>
<footer class="site-footer"><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li><li><a href="/jobs">Jobs</a></li></ul>
<p>&copy; 2025 {escape(page['site'])}</p></footer>
</body></html>
"""


def blog(page: dict, body: str) -> str:
    """A WordPress-shaped blog: entry-content div, widgets, comments."""
    lang = page["lang"]
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(page['title'])} – {escape(page['site'])}</title></head>
<body class="single single-post">
<div id="page" class="site">
<header id="masthead"><p class="site-title"><a href="/">{escape(page['site'])}</a></p>
<nav id="site-navigation"><div class="menu-main-container"><ul id="primary-menu">{_nav(lang)}</ul></div></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">
<article class="post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{escape(page['title'])}</h1></header>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/news">News</a></span></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts</h2>
<ol class="comment-list"><li class="comment"><p>Great post, thanks.</p></li></ol></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2><ul>{_most_read(lang)}</ul></section></aside>
</div>
<footer id="colophon"><div class="site-info">Proudly powered by a blog engine</div></footer>
</div></body></html>
"""


def portal(page: dict, body: str) -> str:
    """A portal page without semantic tags: divs with classes, breadcrumbs, a share bar."""
    lang = page["lang"]
    crumbs = " &raquo; ".join(f'<a href="/{i}">{escape(x)}</a>' for i, x in enumerate(NAV[lang][:3]))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(page['title'])}</title></head>
<body><div id="wrapper">
<div id="top"><div class="brand">{escape(page['site'])}</div><div class="menu">{_nav(lang).replace('li>', 'span>')}</div></div>
<div class="breadcrumbs">{crumbs}</div>
<div id="main-column"><div class="news-item">
<h1>{escape(page['title'])}</h1>
<div class="text">
{body}
</div></div>
<div class="sharebar"><a href="https://facebook.example/share">Facebook</a> <a href="https://twitter.example/share">Twitter</a> <a href="mailto:?">E-mail</a></div>
</div>
<div id="right-column"><div class="block"><div class="block-title">Top</div><ul>{_most_read(lang)}</ul></div></div>
<div id="bottom">{escape(page['site'])} 2025</div>
</div></body></html>
"""


def liveblog(page: dict, body: str) -> str:
    """A live page: a summary, then timestamped entries (the body supplies them)."""
    lang = page["lang"]
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(page['title'])} - live | {escape(page['site'])}</title>
<meta property="og:site_name" content="{escape(page['site'])}"></head>
<body><header><nav><ul>{_nav(lang)}</ul></nav></header>
<main><article class="live-blog">
<h1>{escape(page['title'])}</h1>
<div class="live-badge">LIVE</div>
<div class="live-body">
{body}
</div></article>
<section class="more"><h2>More on this story</h2><ul>{_most_read(lang)}</ul></section></main>
<footer><p>&copy; {escape(page['site'])}</p></footer></body></html>
"""


def plain(page: dict, body: str) -> str:
    """A hand-made site: no article tag, content straight in a div."""
    lang = page["lang"]
    return f"""<html lang="{lang}"><head><title>{escape(page['title'])}</title></head>
<body><table class="frame"><tr><td class="menu">{_nav(lang).replace('<li>', '').replace('</li>', '<br>')}</td>
<td class="content"><div id="content">
<h1>{escape(page['title'])}</h1>
{body}
</div></td></tr></table>
<div class="footer">{escape(page['site'])} &middot; 2025</div></body></html>
"""


LAYOUTS = {"newsroom": newsroom, "blog": blog, "portal": portal, "liveblog": liveblog, "plain": plain}
