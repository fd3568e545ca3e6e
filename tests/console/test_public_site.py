"""The month's public site: valid pages, the lookup's data, nothing private, nothing confidential."""
from __future__ import annotations

import json
import shutil
import subprocess

import html5lib
import pytest

from console.intake import CallRecord
from console.report.public_site import SHARDS, shard_of, write_site
from main import main
from tests.conftest import LIAISON, local
from tests.console.monitor_fixture import build

SECRET_CALLS = [  # (phone, name, ID number, exact address, text full of them)
    ("13912345678", "赵六", "510104199001011234", "东大街8号2栋301",
     "我叫赵六，电话13912345678，身份证510104199001011234，住东大街8号2栋301，楼上漏水"),
    ("13787654321", "欧阳春花", "51010419850505432X", "红星路三段16号附5号",
     "欧阳春花反映：红星路三段16号附5号门口井盖破损，联系电话13787654321"),
]


@pytest.fixture
def month(profile, clock):
    built = build(profile, clock)
    op = profile.actor("op01")
    clock.now = local("2026-11-25T09:30:00")
    for phone, name, _id, address, text in SECRET_CALLS:
        n = profile.intake.log_call(CallRecord(caller_phone=phone, caller_name=name, type="help", district="JJ",
                                               category_code="0101", address=address, description=text,
                                               lead_department="URBAN"), op).number
        profile.cases.act(n, "accept", LIAISON)
        profile.cases.act(n, "reply", LIAISON, payload={"result": f"已联系{name}（{phone}）到{address}上门维修"})
        built.numbers.setdefault("secret", []).append(n)
    built.numbers["confidential"] = profile.intake.log_call(CallRecord(
        caller_phone="13600000009", caller_name="孙八", type="complaint", district="JJ", category_code="0101",
        address="西大街1号", description="涉密诉求内容", confidential=True), op).number
    built.numbers["report"] = profile.intake.log_call(CallRecord(
        caller_phone="13600000010", caller_name="周九", type="report", district="JJ", category_code="0101",
        address="北大街2号", description="举报某工地偷排污水"), op).number
    return built


def _all_cases(out):
    cases = {}
    for path in (out / "cases").glob("*.json"):
        shard = json.loads(path.read_text("utf-8"))
        assert all(shard_of(n) == int(path.stem) for n in shard)
        cases.update(shard)
    return cases


def test_the_site_holds_the_months_public_cases_and_their_steps(profile, month, tmp_path):
    out = tmp_path / "site"
    stats = write_site(profile.db, "2026-11", out)
    cases = _all_cases(out)
    assert month.numbers["confidential"] not in cases and month.numbers["report"] not in cases
    # the hand-counted set's eight calls A..H, and the two with personal data
    expected = {n for k, n in month.numbers.items() if k not in ("secret", "confidential", "report")}
    assert set(cases) == expected | set(month.numbers["secret"])
    assert stats.cases == len(cases)
    c = cases[month.numbers["C"]]
    assert [s["step"] for s in c["steps"]][:4] == ["受理", "派单", "签收", "办结答复"]
    assert c["steps"][1]["unit"] and c["reply"] == "已处理" and c["status"] == "已办结"
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["intake"] == 12 and summary["cases"] == len(cases) == 10  # all calls count, 10 are public
    assert {u["name"] for u in summary["units"]} >= {"市城市管理委员会"}
    # the JSON shards and the scripts the page loads hold the same cases
    for js in (out / "cases").glob("*.js"):
        text = js.read_text("utf-8")
        assert text.startswith(f"hotlineShard({int(js.stem)},")
        assert json.loads(text[text.index(",") + 1:text.rindex(")")]) == json.loads(
            js.with_suffix(".json").read_text("utf-8"))


def test_nothing_personal_anywhere_in_the_output(profile, month, tmp_path):
    out = tmp_path / "site"
    write_site(profile.db, "2026-11", out)
    with profile.db.engine.connect() as conn:
        people = conn.exec_driver_sql("SELECT caller_phone, caller_name, address FROM cases").all()
    secrets = {v for row in people for v in row if v and len(v) >= 2}
    secrets |= {x for call in SECRET_CALLS for x in call[:4]}
    secrets |= {"欧阳", "春花", "13912345678"[-8:]}  # parts of a name, the phone without its prefix
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 5
    for path in files:
        text = path.read_text("utf-8")
        found = sorted(s for s in secrets if s in text)
        assert found == [], f"{path.name}: {found}"
    assert "楼上漏水" in json.dumps(_all_cases(out), ensure_ascii=False)  # the matter itself is published


def test_every_page_is_valid_html(profile, month, tmp_path):
    out = tmp_path / "site"
    write_site(profile.db, "2026-11", out)
    pages = list(out.rglob("*.html"))
    assert pages
    for page in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        doc = parser.parse(page.read_text("utf-8"))  # raises on any parse error
        assert doc.find(".//meta[@name='viewport']") is not None  # readable on a phone
        assert doc.find(".//form[@id='lookup-form']") is not None


def test_the_pages_hash_is_the_pythons():
    """site.js finds a number's shard with the same FNV-1a as the writer (run in Node when present)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the page's hash can't be run outside a browser here")
    from importlib import resources
    js = (resources.files("console.report") / "public_assets" / "site.js").read_text("utf-8")
    start, end = js.index("function shardOf"), js.index("window.hotlineShard")
    numbers = ["CD-S001-20261127-0042", "CD-PF7RNDPXY-20261124-0049", "CD-S012-20261201-1234~2"]
    code = (f"var SHARDS = {SHARDS};\n{js[start:end]}\n"
            f"console.log(JSON.stringify({json.dumps(numbers)}.map(shardOf)));")
    done = subprocess.run([node, "-e", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [shard_of(n) for n in numbers]


def test_command_line(profile, month, tmp_path, capsys):
    folder = str(profile.data_dir)
    profile.close()
    out = tmp_path / "public"
    assert main(["report", "public", "--month", "2026-11", "--out", str(out), "--data-dir", folder]) == 0
    assert (out / "index.html").exists() and "public cases" in capsys.readouterr().err
    assert main(["report", "public", "--month", "2026/11", "--out", str(out), "--data-dir", folder]) == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["report", "public", "--month", "2026-11", "--out", str(blocker), "--data-dir", folder]) == 2


def test_only_photos_marked_public_are_published(profile, month, tmp_path):
    from console.case_attachments import AttachmentService
    from tests.attachment_files import jpeg_with_location, pdf, png
    service, op = AttachmentService(profile.db, profile.cases), profile.actor("op01")
    number = month.numbers["C"]
    files = {}
    for name, data, public in [("public.jpg", jpeg_with_location(), True), ("private.png", png(), False),
                               ("notice.pdf", pdf(), True), ("later.png", png(color=(1, 200, 3)), False)]:
        (tmp_path / name).write_bytes(data)
        service.add_file(number, tmp_path / name, op, public=public)
        files[name] = service.list(profile.cases.get(number).case.id)[-1]
    # marked publishable later: the latest attach event for the same bytes decides
    later = files["later.png"]
    profile.cases.act(number, "attach", op, "", {"sha256": later.sha256, "size": later.size, "mime": later.mime,
                                                  "name": later.name, "public": True})
    out = tmp_path / "site"
    write_site(profile.db, "2026-11", out)
    photos = _all_cases(out)[number]["photos"]
    shown = {files["public.jpg"].sha256, later.sha256}
    assert sorted(p.split("/")[1][:32] for p in photos) == sorted(s[:32] for s in shown)
    assert sorted(p.name for p in (out / "media").iterdir()) == sorted(p.split("/")[1] for p in photos)
    for p in photos:
        assert (out / p).read_bytes() in (service.store.read(s) for s in shown)
    hidden = (files["private.png"].sha256[:32], files["notice.pdf"].sha256[:32], "private.png", "public.jpg")
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".js", ".html"):
            text = path.read_text("utf-8")
            assert not any(h in text for h in hidden), path  # not the private photo, the PDF, nor any name
