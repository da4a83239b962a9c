import json

from typer.testing import CliRunner

from summarize import load_clusters
from summarize.clean import clean_cluster
from summarize.cli import app
from summarize.metrics.conflicts import find_discrepancies, quantity_discrepancies
from summarize.types import Article


def test_example_discrepancies(example_dir):
    found = {(d.kind, d.key): d for d in find_discrepancies(clean_cluster(load_clusters([example_dir])[0]).articles)}
    munitions = found[("quantity", "containers")]
    sides = {s.value: s for s in munitions.sides}
    assert sides["6,700"].article_ids == ["002_ca6749dc55e0fbbc"] and sides["6,700"].qualifiers == ["approximately"]
    assert "Between August and February" in sides["6,700"].time_frames
    assert sides["11,000"].article_ids == ["004_d90c90617c456517"] and sides["11,000"].qualifiers == ["over"]
    deputy = found[("role", "deputy prime minister")]
    values = {s.value: s.article_ids for s in deputy.sides}
    assert values["Alexander Novak"] == ["004_d90c90617c456517"]
    manturov = next(v for k, v in values.items() if "Manturov" in k)
    assert manturov == ["000_a512a153464c2905", "001_b0dfe862c0761fca"]  # "Mantrurov" is the same person
    # consistent facts are not reported
    assert ("role", "defense minister") not in found and ("role", "foreign minister") not in found


def test_close_values_and_years_are_not_conflicts():
    a = Article("a", "About 100 countries attended the summit in 2024.")
    b = Article("b", "Some 104 countries attended the summit in 2023.")
    assert quantity_discrepancies([a, b]) == []


def test_conflicts_command(example_dir):
    res = CliRunner().invoke(app, ["conflicts", str(example_dir)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {d["key"] for d in data["discrepancies"]} >= {"containers", "deputy prime minister"}
