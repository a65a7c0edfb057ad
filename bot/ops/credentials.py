"""Render credentials.yml (or another ${VAR} template such as endpoints.multi.yml).

A section is kept only when all of its required variables are set, so a channel whose
credentials are absent is off. ``python -m bot.ops.credentials --out var/credentials.yml``
prints which sections are on.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from bot.settings import PROJECT_ROOT

VARIABLE = re.compile(r"^\$\{([A-Z0-9_]+)(\?)?\}$")


def render(template: Mapping[str, Any], env: Mapping[str, str]) -> Tuple[Dict[str, Any], List[str]]:
    """The credentials with variables filled in, and the channels left out (missing variables)."""
    rendered: Dict[str, Any] = {}
    skipped: List[str] = []
    for channel, settings in template.items():
        if not settings:
            rendered[channel] = settings
            continue
        values: Dict[str, Any] = {}
        missing = []
        for key, value in settings.items():
            match = VARIABLE.match(str(value)) if isinstance(value, str) else None
            if not match:
                values[key] = value
                continue
            name, optional = match.group(1), bool(match.group(2))
            if env.get(name):
                values[key] = int(env[name]) if env[name].isdigit() and key in ("port", "db") else env[name]
            elif optional:
                values[key] = ""
            else:
                missing.append(name)
        if missing:
            skipped.append(channel)
        else:
            rendered[channel] = values
    return rendered, skipped


def write(out: Path, template_path: Optional[Path] = None, env: Optional[Mapping[str, str]] = None) -> List[str]:
    """Render the template to ``out``; return the enabled channel names."""
    template = yaml.safe_load((template_path or PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8"))
    rendered, _ = render(template, env if env is not None else os.environ)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(rendered, sort_keys=False), encoding="utf-8")
    return list(rendered)


def main(argv: Optional[List[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m bot.ops.credentials")
    parser.add_argument("--template", type=Path, default=PROJECT_ROOT / "credentials.yml")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "var" / "credentials.yml")
    args = parser.parse_args(argv)
    enabled = write(args.out, args.template)
    print(f"{args.template.name}: on: " + ", ".join(name.rsplit(".", 1)[-1] for name in enabled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
