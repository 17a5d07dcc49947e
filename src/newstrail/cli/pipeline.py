"""`newstrail pipeline`: the per-article stages ``analyze`` runs, with what each requires and assigns."""

from __future__ import annotations

import click

from newstrail.cli import _settings, emit, format_option, main
from newstrail.engines.stages import build_pipeline
from newstrail.report.formats import FLAT
from newstrail.report.views import render_stages


@main.command("pipeline")
@format_option(FLAT, {"json": 'one JSON document, {"stages": [...]}'})
@click.pass_context
def pipeline_cmd(ctx: click.Context, fmt: str) -> None:
    """Show the stages of the [pipeline] settings, in order, with the Article fields each requires and assigns.

    Reads no store: building a pipeline never writes, and describing it does not read.
    """
    settings = _settings(ctx)
    emit(render_stages(fmt, build_pipeline(settings).describe()))
