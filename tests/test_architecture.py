"""The layers of docs/ARCHITECTURE.md hold in templates and in the import
configuration, not only in Python imports (which `lint-imports` checks)."""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top; templates at the root of templates/ belong to the core.
LAYERS = ["core", "registry", "matching", "agreements", "volunteer_center"]
TAG_LIBRARIES = {
    "extensions": "core",
    "legal": "core",
    "lists": "core",
    "numbers": "core",
    "words": "core",
    "matching_panels": "matching",
    "agreements_panels": "agreements",
    "agreements_text": "agreements",
    "charts": "volunteer_center",
    "volunteer_area": "volunteer_center",
}
REFERENCE = re.compile(r"\{%\s*(include|extends)\s+[\"']([^\"']+)[\"']")
LOAD = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")


def template_layer(name: str) -> str:
    first = name.split("/")[0]
    if first == "admin":  # admin/<app>/… overrides belong to that app
        first = name.split("/")[1]
    return first if first in LAYERS and "/" in name else "core"


def test_no_template_reaches_a_higher_layer():
    wrong = []
    for path in (ROOT / "templates").rglob("*.html"):
        name = path.relative_to(ROOT / "templates").as_posix()
        own = LAYERS.index(template_layer(name))
        text = path.read_text()
        for _kind, target in REFERENCE.findall(text):
            if target.startswith("admin/import_export/"):
                continue  # django-import-export's own template
            if LAYERS.index(template_layer(target)) > own:
                wrong.append(f"{name} → {target}")
        for libraries in LOAD.findall(text):
            for library in libraries.split():
                layer = TAG_LIBRARIES.get(library)
                if layer and LAYERS.index(layer) > own:
                    wrong.append(f"{name} loads {library}")
    assert wrong == []


def test_every_tag_library_of_the_project_has_a_layer():
    libraries = {
        path.stem
        for path in ROOT.glob("**/templatetags/*.py")
        if ".venv" not in path.parts and path.stem != "__init__"
    }
    assert libraries == set(TAG_LIBRARIES)


def test_the_forbidden_contract_names_every_module_of_the_top():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    (forbidden,) = [c for c in contracts if c["type"] == "forbidden"]
    top = {
        f"volunteer_center.{path.stem}"
        for path in (ROOT / "volunteer_center").iterdir()
        if path.name not in {"__init__.py", "core", "__pycache__", "templatetags"}
        and (path.suffix == ".py" or path.is_dir())
    } | {"volunteer_center.templatetags"}
    assert top == set(forbidden["forbidden_modules"])


def _function_level_imports(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for inner in ast.walk(node):
            if not isinstance(inner, ast.ImportFrom) or not inner.module:
                continue
            if inner.module.split(".")[0] not in {
                "registry",
                "matching",
                "agreements",
                "volunteer_center",
            }:
                continue
            above = inner.lineno - 2
            while lines[above].strip().startswith(("from ", "import ")):
                above -= 1  # a group of imports shares the comment above it
            here = lines[inner.lineno - 1]
            if not (lines[above].strip().startswith("#") or "#" in here):
                found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def test_function_level_imports_of_the_project_say_why():
    paths = [
        path
        for package in ("volunteer_center", "registry", "matching", "agreements")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert [place for path in paths for place in _function_level_imports(path)] == []
