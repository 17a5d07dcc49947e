"""Per-article stage: give every article its outlet's domain.

>>> from newstrail.core.article import Article
>>> stage = OutletStage(OutletResolver([("The Harbor Lantern", "harborlantern.example")]))
>>> stage(Article(id="a1", text="Pier closed.", outlet="Harbor Lantern")).domain
'harborlantern.example'
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrail.core.article import Article
from newstrail.outlets.resolver import OutletResolver, own_text
from newstrail.outlets.urls import domain_of

__all__ = ["OutletStage"]


@dataclass
class OutletStage:
    """Per-article stage: give every article an outlet domain.

    An article read from a URL has its domain already; one read from a text file
    or a record without a URL gets the domain of its masthead when the corpus, the
    aliases or a list knows it (``outlet_domain_via`` says ``masthead``). A
    domain the outlet has since left is mapped to the current one in
    ``outlet_domain``. Articles with a URL teach the resolver their outlet's
    domain for the articles after them (the attribution stage sharing the resolver
    sees them too). Every article teaches it its (outlet, domain) pair and the
    former names its outlet gives in its own text, as the store will once the article
    is stored: an article is analysed knowing exactly the articles before it, whether
    they were stored in an earlier run or read earlier in this one.
    """

    resolver: OutletResolver
    name: str = "outlet"
    requires: tuple[str, ...] = ("outlet", "domain", "url")
    assigns: tuple[str, ...] = ("domain", "outlet_domain", "outlet_domain_via")

    def __call__(self, article: Article) -> Article:
        domain = article.domain or (domain_of(article.url) if article.url else "")
        if domain:
            self.resolver.learn(article.outlet, domain)
            current = self.resolver.canonical(domain)
            article.outlet_domain = current
            article.outlet_domain_via = "url" if current == domain else f"renamed from {domain}"
        else:
            found = self.resolver.domain_for_name(article.outlet)
            if found:
                article.domain = found
                article.outlet_domain = found
                article.outlet_domain_via = "masthead"
            self.resolver.learn(article.outlet, article.domain)
        self.resolver.learn_former_names(own_text(article), article.outlet, article.domain)
        return article
