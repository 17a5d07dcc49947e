"""`newstrail claims`: check-worthy sentences, scored and listed.

``newstrail claims score FILE`` scores every sentence of loose texts (TSV or JSONL);
``newstrail claims ARTICLE_ID`` (or ``newstrail claims show ARTICLE_ID``) lists a
stored article's claims, best first.
"""

from __future__ import annotations

import sys

import click

from newstrail.cli import DB, OK, SOME_FAILED, _require_store, _settings, main


class _ClaimsGroup(click.Group):
    """A group whose unknown first argument is an article id: ``claims ID`` means ``claims show ID``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@main.group("claims", cls=_ClaimsGroup)
def claims_group() -> None:
    """Check-worthy claims: 'claims score FILE' or 'claims ARTICLE_ID'."""


def _open_input(file: str):
    from newstrail.core.errors import UnreadableInput

    if file == "-":
        return sys.stdin, "<stdin>"
    try:
        return open(file, encoding="utf-8-sig", newline=""), file
    except OSError as exc:
        raise UnreadableInput(file, f"cannot be read ({exc.strerror or exc})") from exc


@claims_group.command("score")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tsv", "jsonl"]), default="tsv", show_default=True, help="Output format.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Label threshold (default: the model's, chosen on held-out data).")
@click.pass_context
def score_cmd(ctx: click.Context, file: str, fmt: str, threshold: float | None) -> None:
    """Score every sentence of the texts in FILE for check-worthiness.

    FILE ('-' for stdin) is TSV, 'id<TAB>text' per line with an optional header
    naming 'id' and 'text', or JSON Lines, {"id": ..., "text": ...} per line. Output:
    one line per sentence with id, sentence index, start and end offsets in the text,
    score, label (Yes/No) and the sentence. Bad lines are reported and skipped.
    """
    from newstrail.analyze.checkworthy import load_model
    from newstrail.analyze.claims import read_texts, score_text
    from newstrail.core.errors import BadRecord, UnreadableInput
    from newstrail.report import to_json

    model = load_model()
    handle, where = _open_input(file)
    failed = 0
    if fmt == "tsv":
        click.echo("id\tsentence\tstart\tend\tscore\tlabel\ttext")
    try:
        for item in read_texts(handle, where):
            if isinstance(item, BadRecord):
                failed += 1
                click.echo(f"error: {item}", err=True)
                continue
            ident, text = item
            for s in score_text(text, model, threshold):
                label = "Yes" if s.checkworthy else "No"
                if fmt == "tsv":
                    clean = " ".join(s.text.split())  # a tab or newline inside would break the row
                    click.echo(f"{ident}\t{s.index}\t{s.span.start}\t{s.span.end}\t{s.score:.3f}\t{label}\t{clean}")
                else:
                    record = {"id": ident, "sentence": s.index, "start": s.span.start, "end": s.span.end, "score": s.score, "label": label, "text": s.text}
                    click.echo(to_json(record))
    except UnicodeDecodeError as exc:
        raise UnreadableInput(where, f"not valid UTF-8 ({exc.reason} at byte {exc.start} of a block); convert it first, e.g. iconv -f latin1 -t utf-8") from exc
    finally:
        if file != "-":
            handle.close()
    ctx.exit(SOME_FAILED if failed else OK)


def _claim_rows(article, claims) -> list[dict]:
    rows = []
    for c in claims:
        quote = article.quotes[c.quote] if c.quote is not None and c.quote < len(article.quotes) else None
        attribution = article.attributions[c.attribution] if c.attribution is not None and c.attribution < len(article.attributions) else None
        rows.append(
            {
                "text": article.snippet(c.span),
                "span": {"start": c.span.start, "end": c.span.end},
                "score": c.score,
                "checkworthy": c.checkworthy,
                "numbers": [{"text": n.text, "value": n.value, "unit": n.unit, "dimension": n.dimension, "qualifier": n.qualifier, "what": n.what} for n in c.numbers],
                "entities": [{"text": e.text, "label": e.label} for e in c.entities],
                "quote": c.quote,
                "speaker": quote.speaker if quote else None,
                "attribution": c.attribution,
                "source": attribution.source if attribution else None,
                "cue": attribution.cue if attribution else None,
                "matches": [{"factcheck": m.factcheck, "score": m.score, "rating": m.rating} for m in c.matches],
            }
        )
    return rows


def _render(article, rows: list[dict], total: int, computed: bool) -> str:
    import textwrap

    worthy = sum(1 for c in article.claims if c.checkworthy)
    head = f"{article.id}  {article.title or '(untitled)'}"
    note = "; scored now: the stored record has no claims" if computed else ""
    lines = [head, f"{total} sentences, {worthy} check-worthy{note}", ""]
    for i, r in enumerate(rows, start=1):
        mark = "*" if r["checkworthy"] else " "
        wrapped = textwrap.wrap(" ".join(r["text"].split()), 78) or [""]
        prefix = f"{i:>3}. {r['score']:.2f}{mark} [{r['span']['start']}-{r['span']['end']}] "
        lines.append(prefix + wrapped[0])
        lines += [" " * len(prefix) + w for w in wrapped[1:]]
        details = []
        if r["numbers"]:
            details.append("numbers: " + "; ".join(n["text"] + (f" ({n['what']})" if n["what"] else "") for n in r["numbers"]))
        if r["entities"]:
            details.append("entities: " + ", ".join(f"{e['text']} ({e['label']})" for e in r["entities"]))
        if r["speaker"]:
            details.append(f"in a quote of {r['speaker']}")
        elif r["quote"] is not None:
            details.append("in a quote")
        if r["source"]:
            details.append(f"attributed to {r['source']} ({r['cue']})")
        if r["matches"]:
            details.append("fact-checks: " + ", ".join(f"{m['factcheck']} ({m['rating'] or '?'})" for m in r["matches"]))
        lines += [" " * 10 + d for d in details]
    if not rows:
        lines.append("(no check-worthy sentences; --all lists every sentence)")
    return "\n".join(lines) + "\n"


@claims_group.command("show")
@click.argument("article_id")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="List every sentence, not only the check-worthy ones.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many claims.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: str, db: str | None, fmt: str, show_all: bool, limit: int | None) -> None:
    """List a stored article's claims, best first: ARTICLE_ID is an id, id prefix or URL."""
    from newstrail.analyze.claims import ClaimStage
    from newstrail.analyze.sentences import split_sentences
    from newstrail.report import to_json
    from newstrail.store import open_store

    settings = _settings(ctx, db=db)
    _require_store(settings.db)
    with open_store(settings.db) as store:
        article = store.find(article_id)
    computed = "claims" not in article.stages
    if computed:  # stored before the claims stage existed: score it now, without storing
        article.sentences = article.sentences or split_sentences(article.text)
        article.claims = ClaimStage().claims(article)
    total = len(article.sentences) or len(article.claims)
    claims = sorted((c for c in article.claims if show_all or c.checkworthy), key=lambda c: (-c.score, c.span.start))
    rows = _claim_rows(article, claims[:limit] if limit else claims)
    if fmt == "json":
        click.echo(to_json({"id": article.id, "title": article.title, "sentences": total, "claims": rows}, indent=2))
    else:
        click.echo(_render(article, rows, total, computed), nl=False)
