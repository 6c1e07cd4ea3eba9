"""The example notebook walks a whole campaign; it runs headless and shows
its tables (eligibility, budget) and its chart."""

from __future__ import annotations

import nbclient
import nbformat

from conftest import EXAMPLES

NOTEBOOK = EXAMPLES / "campagne.ipynb"


def test_the_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_the_notebook_runs_and_shows_its_tables() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    tables = {
        "import report": "Import : ",
        "eligibility": "Éligibilité au 2026-04-01",
        "estimate": "Budget prévisionnel au 2026-04-15",
        "actual": "Budget réalisé",
        "custody": "Documents chez un prestataire au 2026-06-01",
        "states": "États des documents",
    }
    for name, caption in tables.items():
        shown = [h for h in html if caption in h]
        assert shown, f"the {name} table is not shown"
        assert "<table>" in shown[0] and shown[0].count("<tr>") >= 2
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1  # the split per funder
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "NOT_ELIGIBLE" in text and "INVALID_ARK" in text
    assert "commandes dans le journal" in text
    # The grant dossier workbook is exported with its three sheets.
    assert "dossier-budget-2026.xlsx" in text
    assert "['Budget', 'Financeurs', 'Établissements']" in text
