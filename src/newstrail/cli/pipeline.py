"""`newstrail pipeline`: the per-article stages ``analyze`` runs, with what each requires and assigns."""

from __future__ import annotations

import click

from newstrail.cli import _settings, main
from newstrail.engines.stages import build_pipeline
from newstrail.report import to_json
from newstrail.report.pipeline import render_pipeline


@main.command("pipeline")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def pipeline_cmd(ctx: click.Context, fmt: str) -> None:
    """Show the stages of the [pipeline] settings, in order, with the Article fields each requires and assigns.

    Reads no store: building a pipeline never writes, and describing it does not read.
    """
    settings = _settings(ctx)
    stages = build_pipeline(settings).describe()
    if fmt == "json":
        click.echo(to_json({"stages": stages}, indent=2))
    else:
        click.echo(render_pipeline(stages))
