"""The trained mode: `frontlines train --acled FILE.csv` and `annotate --model DIR`.

The training CSV is written here, in the project's own words (invented places and groups); it
has ACLED's column names and a few of its conventions (old type names, Riots/Protests rows).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.errors import BadInput
from frontlines.extract import learned

TOWNS = ["Varenka", "Dolmir", "Kest", "Oradel", "Suvan", "Tamblor", "Ilgar", "Pesha", "Rovno Pass", "Malvik",
         "Querra", "Batun"]
DAYS = ["3 March 2021", "11 April 2021", "19 May 2021", "2 June 2021", "27 July 2021"]

TEMPLATES: dict[tuple[str, str], list[str]] = {
    ("Battles", "Armed clash"): [
        "On {d}, fighters of the Red Hand Front clashed with army troops near {t}. Two soldiers were killed.",
        "On {d}, soldiers exchanged fire with Red Hand Front militants on the outskirts of {t} for several hours.",
        "On {d}, heavy fighting broke out between the army and the rebels of the Red Hand Front in {t}.",
    ],
    ("Protests", "Peaceful protest"): [
        "On {d}, hundreds of teachers marched peacefully in {t} to demand unpaid salaries.",
        "On {d}, students held a sit-in outside the university in {t} against higher fees. The protest ended calmly.",
        "On {d}, farmers rallied in the main square of {t} demanding lower fuel prices.",
    ],
    ("Explosions/Remote violence", "Air/drone strike"): [
        "On {d}, an air force jet bombed a Red Hand Front position near {t}, killing four militants.",
        "On {d}, a drone strike hit a vehicle carrying rebel commanders outside {t}.",
        "On {d}, warplanes carried out airstrikes on rebel depots in {t}.",
    ],
    ("Violence against civilians", "Attack"): [
        "On {d}, unidentified gunmen shot dead a shopkeeper in {t}.",
        "On {d}, armed men attacked villagers in {t}, killing a farmer and wounding his son.",
        "On {d}, a group of assailants beat a local journalist to death in {t}.",
    ],
}


def _rows() -> list[dict[str, str]]:
    rows = []
    for (etype, sub), templates in TEMPLATES.items():
        for i in range(15):
            text = templates[i % len(templates)].format(d=DAYS[i % len(DAYS)], t=TOWNS[(i * 5 + len(sub)) % len(TOWNS)])
            rows.append({"event_type": etype, "sub_event_type": sub, "notes": text, "actor1": "", "country": "Xland"})
    # ACLED conventions: an old-schema protest row of unknown kind, a row without a sub-type
    rows.append({"event_type": "Riots/Protests", "sub_event_type": "", "notes":
                 "On 5 May 2021, nurses gathered in front of the hospital in Kest over late pay.",
                 "actor1": "", "country": "Xland"})
    rows.append({"event_type": "Battle-No change of territory", "sub_event_type": "", "notes":
                 "On 6 May 2021, army units and Red Hand Front fighters clashed in Pesha.",
                 "actor1": "", "country": "Xland"})
    return rows


def _write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("learned")
    csv_path = _write_csv(tmp / "acled.csv", _rows())
    out = tmp / "model"
    res = CliRunner().invoke(main, ["train", "--acled", str(csv_path), "--out", str(out),
                                    "--test-fraction", "0.25", "--seed", "3"])
    assert res.exit_code == 0, res.output
    assert "model saved to" in res.output
    assert "held out" in res.output
    return out


def test_train_writes_model_and_meta(model_dir: Path) -> None:
    meta = json.loads((model_dir / "meta.json").read_text())
    assert (model_dir / "model.joblib").is_file()
    assert meta["format"] == learned.MODEL_FORMAT
    assert set(meta["versions"]) >= {"frontlines", "scikit_learn", "python"}
    assert len(meta["data"]["sha256"]) == 64 and meta["data"]["rows"] == 62
    assert meta["scores"]["event_type_macro_f1"] > 0.5
    assert set(meta["event_types"]) >= {"Battles", "Protests", "Violence against civilians"}


def _annotate(args: list[str], docs: list[dict[str, str]]) -> list[dict]:
    lines = "".join(json.dumps(d) + "\n" for d in docs)
    res = CliRunner().invoke(main, ["annotate", *args], input=lines)
    assert res.exit_code == 0, res.output
    return [json.loads(x) for x in res.stdout.splitlines() if x.strip()]


DOCS = [
    {"id": "p", "text": "On 8 August 2021, several hundred teachers marched peacefully in Dolmir to demand higher pay."},
    {"id": "a", "text": "On 9 August 2021, warplanes bombed rebel depots near Suvan, killing four militants."},
    {"id": "v", "text": "On 10 August 2021, unidentified gunmen shot dead a shopkeeper in Querra."},
    {"id": "bad", "text": ""},
]


def test_annotate_with_model_sets_types_keeps_the_rest(model_dir: Path) -> None:
    trained = _annotate(["--model", str(model_dir)], DOCS)
    default = _annotate([], DOCS)
    assert [r["id"] for r in trained] == ["p", "a", "v", "bad"]
    assert "error" in trained[3]
    expect = {"p": "Protests", "a": "Explosions/Remote violence", "v": "Violence against civilians"}
    for t, d in zip(trained[:3], default[:3], strict=True):
        assert t["events"], t
        ev = t["events"][0]
        assert ev["event_type"] == expect[t["id"]]
        assert learned.SUB_EVENT_TYPES[ev["sub_event_type"]] == ev["event_type"]
        # only the types come from the model
        for key in ("actor1", "actor2", "location", "date", "fatalities", "modality", "evidence"):
            assert ev[key] == d["events"][0][key], key
        assert t["places"] == d["places"]


def test_annotate_model_in_worker_processes(model_dir: Path) -> None:
    from frontlines.extract import annotate_batch, document_from_json

    docs = [document_from_json(d) for d in DOCS[:3]] * 43  # 129 >= 2 batches: the pool is used
    one = annotate_batch(docs[:3], model=model_dir)
    two = annotate_batch(docs, n_process=2, model=model_dir)
    assert [r["events"][0]["event_type"] for r in two[:3]] == [r["events"][0]["event_type"] for r in one]


def test_version_mismatch_is_a_clear_error(model_dir: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "old"
    shutil.copytree(model_dir, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["versions"]["scikit_learn"] = "0.0.1"
    (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(BadInput, match="scikit-learn 0.0.1"):
        learned.load_model(copy)
    res = CliRunner().invoke(main, ["annotate", "--model", str(copy)], input=json.dumps(DOCS[0]) + "\n")
    assert res.exit_code != 0
    assert "scikit-learn 0.0.1" in res.output and "retrain" in res.output
    meta["format"] = 99
    (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(BadInput, match="format 99"):
        learned.load_model(copy)


def test_missing_model_dir_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["annotate", "--model", str(tmp_path / "nowhere")], input="")
    assert res.exit_code != 0 and "no such model directory" in res.output
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(main, ["annotate", "--model", str(tmp_path / "empty")], input="")
    assert res.exit_code != 0 and "not a Frontlines model directory" in res.output


def test_bad_csv_names_missing_columns(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", [{"event_type": "Battles", "text": "Clashes in Kest."}])
    res = CliRunner().invoke(main, ["train", "--acled", str(path), "--out", str(tmp_path / "m")])
    assert res.exit_code != 0
    assert "missing column(s) notes" in res.output and "found: event_type, text" in res.output
    assert not (tmp_path / "m").exists()
    empty = _write_csv(tmp_path / "y.csv", [{"event_type": "Picnic", "notes": "A picnic in Kest."}])
    with pytest.raises(BadInput, match="no usable rows"):
        learned.read_acled_csv(empty)


def test_read_acled_csv_any_vintage(tmp_path: Path) -> None:
    rows = [
        {"EVENT_TYPE": "Riots/Protests", "NOTES": "Dockers in Malvik stopped work over pay."},
        {"EVENT_TYPE": "Battle-No change of territory", "NOTES": "Rebels and soldiers fought near Ilgar."},
        {"EVENT_TYPE": "Remote violence", "NOTES": "A roadside bomb hit a patrol near Batun – no deaths."},
        {"EVENT_TYPE": "Protests", "NOTES": "A march in Kest.", "SUB_EVENT_TYPE": "Armed clash"},
        {"EVENT_TYPE": "Battles", "NOTES": "  "},
    ]
    for r in rows:
        r.setdefault("SUB_EVENT_TYPE", "")
    path = _write_csv(tmp_path / "old.csv", rows, encoding="cp1252")
    notes, summary = learned.read_acled_csv(path)
    assert summary.rows == 5 and summary.used == 4 and summary.skipped["no notes"] == 1
    assert notes[0].ambiguous and notes[0].event_type is None
    assert (notes[1].event_type, notes[1].sub_event_type) == ("Battles", "Armed clash")
    assert (notes[2].event_type, notes[2].sub_event_type) == ("Explosions/Remote violence", None)
    assert "–" in notes[2].text  # cp1252 read as such
    assert (notes[3].event_type, notes[3].sub_event_type) == ("Protests", None)  # a sub-type of another type


def test_split_keeps_repeated_notes_on_one_side() -> None:
    notes = [learned.LabelledNote(f"note {i % 10}", "Battles", "Armed clash") for i in range(40)]
    train, test = learned.split_notes(notes, 0.3, seed=1)
    assert not {n.text for n in train} & {n.text for n in test}
    assert len(test) == 12


def test_one_text_path_equals_the_batch_path(model_dir: Path) -> None:
    model = learned.load_model(model_dir)
    texts = [d["text"] for d in DOCS[:3]] + ["Nothing the model has seen: a quiet harbour, gulls, no news."]
    signals = [["rt=Battles", "rs=Armed clash", "n=1"], [], ["rt=none"], ["mod=claimed"]]
    one = [model.predict([t], [s])[0] for t, s in zip(texts, signals, strict=True)]
    batch = model._predict_x(model.featurizer.transform(texts, signals))
    assert [(p.event_type, p.sub_event_type) for p in one] == [(p.event_type, p.sub_event_type) for p in batch]
    assert all(abs(a.margin - b.margin) < 1e-4 for a, b in zip(one, batch, strict=True))
