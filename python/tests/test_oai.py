"""The OAI-PMH repository through Python: numconc.oai.respond and
Campaign.dublin_core, and the example server (python/examples/oai_server.py)
harvested by sickle, a harvester nobody here wrote, through pages small enough
to need resumption tokens. Every response is checked against what the
OAI-PMH 2.0 schema demands (and validated with the schema file itself when
scripts/test-python.sh fetched it), its records against oai_dc."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from lxml import etree
from sickle import Sickle
from sickle.iterator import OAIResponseIterator

import numconc
import numconc.oai

from conftest import EXAMPLES, REPO

SAVED = REPO / "core" / "tests" / "fixtures" / "campagne-saved-before-typed-core.json"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = {"oai": OAI, "oai_dc": OAI_DC, "dc": DC}
NOW = datetime.datetime(2026, 9, 21, 8, 30, tzinfo=datetime.timezone.utc)
BASE = "https://bibliotheques.example.org/oai"
VERBS = {"Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"}
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}


def _schema() -> etree.XMLSchema | None:
    path = os.environ.get("NUMCONC_OAI_XSD")
    if path:
        return etree.XMLSchema(etree.parse(path))  # set but missing: fail loudly
    default = REPO / ".venv" / "schemas" / "OAI-PMH.xsd"
    return etree.XMLSchema(etree.parse(str(default))) if default.exists() else None


SCHEMA = _schema()


def q(tag: str, ns: str = OAI) -> str:
    return f"{{{ns}}}{tag}"


def check_response(xml: str | bytes) -> etree._Element:
    """What the OAI-PMH 2.0 and oai_dc schemas demand of a response."""
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data)
    if SCHEMA is not None:
        SCHEMA.assertValid(root)
    assert root.tag == q("OAI-PMH")
    assert root.get(q("schemaLocation", XSI)) == f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    children = list(root)
    assert children[0].tag == q("responseDate")
    datetime.datetime.strptime(children[0].text or "", "%Y-%m-%dT%H:%M:%SZ")
    assert children[1].tag == q("request")
    assert (children[1].text or "").startswith("http")
    rest = [etree.QName(c).localname for c in children[2:]]
    assert (len(rest) == 1 and rest[0] in VERBS) or (rest and set(rest) == {"error"}), rest
    if rest[0] in VERBS:
        assert children[1].get("verb") == rest[0]
    for item in root.iter(q("record"), q("header")):
        header = item.find(q("header")) if item.tag == q("record") else item
        assert header is not None
        names = [etree.QName(c).localname for c in header]
        assert names[:2] == ["identifier", "datestamp"] and set(names[2:]) <= {"setSpec"}
        datetime.date.fromisoformat(header[1].text or "")
        assert len(header[1].text or "") == 10
        if item.tag == q("record"):
            parts = [etree.QName(c).localname for c in item]
            assert parts == ["header", "metadata"], parts
            check_oai_dc(item.find(q("metadata"))[0])  # type: ignore[index]
    return root


def check_oai_dc(dc: etree._Element) -> None:
    assert dc.tag == q("dc", OAI_DC)
    assert dc.get(q("schemaLocation", XSI)) == f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    for e in dc:
        name = etree.QName(e)
        assert name.namespace == DC and name.localname in DC_ELEMENTS, e.tag
        assert len(e) == 0
        assert set(e.attrib) <= {"{http://www.w3.org/XML/1998/namespace}lang"}


def errors(root: etree._Element) -> List[str]:
    return [e.get("code") or "" for e in root.findall(q("error"))]


@pytest.fixture(scope="module")
def campaign() -> numconc.Campaign:
    return numconc.Campaign.load(SAVED)


def published(c: numconc.Campaign) -> Dict[str, Dict[str, Any]]:
    """The published documents of the worked campaign, by id."""
    out = {}
    for d in c.documents():
        s = c.state(d["id"])
        if s.published:
            out[d["id"]] = {"doc": d, "published": dict(s.publications)}
    return out


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "oai_server.py"), str(SAVED), "--port", "0", "--page-size", "2"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("serving http://127.0.0.1:"), line
        yield line.split(" ", 1)[1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_sickle_harvests_every_published_document_once(server: str, campaign: numconc.Campaign) -> None:
    expected = published(campaign)
    assert len(expected) == 7
    for method in ("GET", "POST"):
        # Raw pages first: several, each valid, tokens in between.
        pages = list(Sickle(server, http_method=method, iterator=OAIResponseIterator).ListRecords(metadataPrefix="oai_dc"))
        assert len(pages) == 4, "7 records, pages of 2"
        for page in pages:
            check_response(page.raw.encode("utf-8"))
        records = list(Sickle(server, http_method=method).ListRecords(metadataPrefix="oai_dc"))
        ids = [r.header.identifier for r in records]
        assert len(ids) == len(set(ids)) == 7
        for r in records:
            prefix = "oai:numconc.localhost:hdf-2026/"
            assert r.header.identifier.startswith(prefix)
            doc_id = r.header.identifier[len(prefix):]
            want = expected[doc_id]
            d = want["doc"]
            m = r.metadata
            assert m["title"] == [d["title"]]
            if d["author"] and d["author"].lower() != "anonyme":
                assert m["creator"] == [d["author"]]
            else:
                assert "creator" not in m
            assert m["date"] == [d["date"]]
            idents = set(m["identifier"])
            for target, ident in want["published"].items():
                assert (f"https://gallica.bnf.fr/{ident}" if target == "gallica" else ident) in idents
            assert r.header.datestamp in ("2026-09-01", "2026-09-02")
            assert "campaign:hdf-2026" in r.header.setSpecs
    headers = list(Sickle(server).ListIdentifiers(metadataPrefix="oai_dc", set="target:gallica"))
    assert sorted(h.identifier.rsplit("/", 1)[1] for h in headers) == ["AD02-02", "AMI-01", "AMI-02"]
    identify = Sickle(server).Identify()
    assert identify.granularity == "YYYY-MM-DD" and identify.earliestDatestamp == "2026-09-01"
    rec = Sickle(server).GetRecord(identifier="oai:numconc.localhost:hdf-2026/AMI-04", metadataPrefix="oai_dc")
    assert rec.metadata["creator"] == ["J.-B. Devermont"]
    assert [f.metadataPrefix for f in Sickle(server).ListMetadataFormats()] == ["oai_dc"]
    assert "institution:AD02" in [s.setSpec for s in Sickle(server).ListSets()]


def test_every_response_of_the_server_is_valid_and_errors_have_their_codes(server: str) -> None:
    cases = {
        "verb=Identify": [],
        "verb=ListMetadataFormats": [],
        "verb=ListSets": [],
        "verb=ListIdentifiers&metadataPrefix=oai_dc": [],
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-09-02": [],
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Anumconc.localhost%3Ahdf-2026%2FAMI-01": [],
        "": ["badVerb"],
        "verb=Jump": ["badVerb"],
        "verb=Identify&verb=Identify": ["badVerb"],
        "verb=Identify&x=y": ["badArgument"],
        "verb=ListRecords": ["badArgument"],
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc": ["badArgument"],
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-09-02T00:00:00Z": ["badArgument"],
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-09-03&until=2026-09-01": ["badArgument"],
        "verb=ListRecords&resumptionToken=nope": ["badResumptionToken"],
        "verb=ListSets&resumptionToken=nope": ["badResumptionToken"],
        "verb=ListRecords&metadataPrefix=mods": ["cannotDisseminateFormat"],
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Anumconc.localhost%3Ahdf-2026%2FMJV-01": ["idDoesNotExist"],
        "verb=ListMetadataFormats&identifier=nope": ["idDoesNotExist"],
        "verb=ListRecords&metadataPrefix=oai_dc&set=target%3Aelsewhere": ["noRecordsMatch"],
        "verb=ListRecords&metadataPrefix=oai_dc&until=2020-01-01": ["noRecordsMatch"],
    }
    for query, want in cases.items():
        with urllib.request.urlopen(f"{server}?{query}") as r:
            assert r.headers["Content-Type"] == "text/xml; charset=utf-8"
            root = check_response(r.read())
        assert errors(root) == want, query
        echo = root.find(q("request"))
        assert echo is not None and (echo.attrib == {}) == bool({"badVerb", "badArgument"} & set(want)), query


def test_no_sets_at_all(campaign: numconc.Campaign) -> None:
    root = check_response(numconc.oai.respond([], "verb=ListSets", base_url=BASE, now=NOW))
    assert errors(root) == ["noSetHierarchy"]


def test_respond_directly_and_the_dublin_core_of_a_document(campaign: numconc.Campaign) -> None:
    xml = numconc.oai.respond([campaign], "verb=ListRecords&metadataPrefix=oai_dc", base_url=BASE, now=NOW, page_size=3)
    root = check_response(xml)
    assert root.find(q("responseDate")).text == "2026-09-21T08:30:00Z"  # type: ignore[union-attr]
    token = root.find(f"{q('ListRecords')}/{q('resumptionToken')}")
    assert token is not None and token.text and token.get("cursor") == "0"
    again = numconc.oai.respond([campaign], "verb=ListRecords&resumptionToken=" + urllib.parse.quote(token.text, safe=""), base_url=BASE, now=NOW, page_size=3)
    assert len(check_response(again).findall(f"{q('ListRecords')}/{q('record')}")) == 3
    dc = campaign.dublin_core("AMI-01")
    assert dc is not None
    element = etree.fromstring(dc.encode())
    check_oai_dc(element)
    assert element.findtext("dc:title", namespaces=NS) == "Le Progrès de la Somme (1871-1872)"
    assert "https://gallica.bnf.fr/ark:/12148/bpt6k205233j" in [e.text for e in element.findall("dc:identifier", NS)]
    assert campaign.dublin_core("MJV-01") is None
    with pytest.raises(numconc.NotFoundError) as e:
        campaign.dublin_core("NOPE")
    assert e.value.code == "UNKNOWN_DOCUMENT"


def test_wrong_arguments_raise_clear_errors(campaign: numconc.Campaign) -> None:
    with pytest.raises(numconc.ValidationError) as e:
        numconc.oai.respond([campaign, campaign], "verb=Identify", base_url=BASE, now=NOW)
    assert e.value.code == "INVALID_VALUE" or "DUPLICATE_ID" in str(e.value)
    with pytest.raises(numconc.ValidationError):
        numconc.oai.respond([campaign], "verb=Identify", base_url="ftp://x", now=NOW)
    with pytest.raises(numconc.ValidationError):
        numconc.oai.respond([campaign], "verb=Identify", base_url=BASE, now=NOW, page_size=0)
    with pytest.raises(ValueError):
        numconc.oai.respond([campaign], "verb=Identify", base_url=BASE, now=datetime.datetime(2026, 1, 1))
    with pytest.raises(TypeError):
        numconc.oai.respond([campaign], "verb=Identify", base_url=BASE, now=datetime.date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        numconc.oai.respond(["x"], "verb=Identify", base_url=BASE, now=NOW)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        numconc.oai.respond([campaign], b"verb=Identify", base_url=BASE, now=NOW)  # type: ignore[arg-type]
    # The default clock.
    check_response(numconc.oai.respond([campaign], "verb=Identify", base_url=BASE))
