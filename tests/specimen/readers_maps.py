"""Write the specimen's readers' maps (docs/data/readers/): five made-up readers, fixed, so the
machinery's tests know the aggregate. Run it again after changing the spots below:

    python tests/specimen/readers_maps.py

The consistency model is contested by spread, the scaling laws by marks (no majority), score-based
SDEs agreed on; one reader marks GANs as resting on the laws of code; speculative decoding has two
readers (too few to be contested). No quartile equals an author's x (the page must hold none of
the author's spots before the reveal, and a test looks for them). One map is JSON, as the spectrum's JSON export writes it."""
from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).parent / "docs" / "data" / "readers"

# reader -> [(paper id, x, y or None, grounding or None)]
READERS = {
    "reader-1": [("2303.01469", -0.95, 0.1, "laws-of-math"), ("2011.13456", -0.9, 0.1, "laws-of-math"),
                 ("2001.08361", -0.35, 0.7, "laws-of-code"), ("1406.2661", -0.8, None, "laws-of-code"),
                 ("2211.17192", 0.8, None, None)],
    "reader-2": [("2303.01469", -0.7, None, "laws-of-math"), ("2011.13456", -0.85, None, "laws-of-math"),
                 ("2001.08361", -0.2, 0.8, "laws-of-math"), ("1406.2661", -0.95, 0.2, None),
                 ("2211.17192", 0.7, None, None)],
    "reader-3": [("2303.01469", 0.2, 0.3, None), ("2011.13456", -0.95, 0.2, "laws-of-math"),
                 ("2001.08361", -0.32, None, "unsure"), ("1406.2661", -0.7, None, None)],
    "reader-4": [("2303.01469", 0.5, None, None), ("2011.13456", -0.8, None, "laws-of-math"),
                 ("2001.08361", -0.25, 0.9, "laws-of-code")],
    "reader-5": [("2303.01469", 0.65, None, None)],
}


def placements(spots: list[tuple]) -> list[dict]:
    out = []
    for paper_id, x, y, grounding in spots:
        entry: dict = {"id": paper_id, "x": x}
        if y is not None:
            entry["y"] = y
        if grounding is not None:
            entry["grounding"] = grounding
        out.append(entry)
    return out


def as_yaml(entries: list[dict]) -> str:
    lines = ["# Research map exported from Specimen site", "version: 2", "placements:"]
    for entry in entries:
        lines.append(f'  - id: "{entry["id"]}"')
        lines.extend(f"    {key}: {value}" for key, value in entry.items() if key != "id")
    return "\n".join(lines) + f"\n# end of map: {len(entries)} placements\n"


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, spots in READERS.items():
        entries = placements(spots)
        if name == "reader-5":
            (FOLDER / f"{name}.json").write_text(json.dumps({"version": 2, "placements": entries}, indent=2) + "\n")
        else:
            (FOLDER / f"{name}.yml").write_text(as_yaml(entries), encoding="utf-8")


if __name__ == "__main__":
    main()
