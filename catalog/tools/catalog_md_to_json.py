#!/usr/bin/env python3
"""One-off converter kept for provenance: shared/spec/catalog.md -> catalog/src/main/resources/catalog.json.
The JSON file is the source of truth from then on; edit it, not this script's output."""
import json, re, sys

md = open(sys.argv[1]).read()
HOSTS = {
    "tiktok": ["tiktok.com"], "instagram": ["instagram.com"], "youtube": ["youtube.com", "youtu.be"],
    "facebook": ["facebook.com", "fb.com", "fb.watch"], "twitter": ["twitter.com", "x.com"],
    "linkedin": ["linkedin.com"], "reddit": ["reddit.com", "redd.it"], "threads": ["threads.net", "threads.com"],
    "pinterest": ["pinterest.com", "pin.it"], "google": ["google.com"], "twitch": ["twitch.tv"],
    "truthsocial": ["truthsocial.com"], "snapchat": ["snapchat.com"], "kick": ["kick.com"],
    "amazon": ["amazon.com"], "linktree": ["linktr.ee"], "linkbio": ["lnk.bio", "link.bio"],
    "linkme": ["link.me"], "komi": ["komi.io"], "pillar": ["pillar.io"], "utility": [],
}
long_lists = {}
for m in re.finditer(r"^- `(/v1/[^`]+)` `([^`]+)`: (.+)$", md, re.M):
    long_lists[(m.group(1), m.group(2))] = [v.strip() for v in m.group(3).split(",")]

def kind_by_name(name):
    return {"handle": "handle", "url": "url", "subreddit": "subreddit"}.get(name, "string")

def names(cell):
    return [] if cell.strip() == "none" else re.findall(r"`([^`]+)`", cell)

endpoints, platform_order = [], []
for line in md.splitlines():
    m = re.match(r"^\| `/v1/([a-z]+)/([^`]+)` \| (.*)$", line)
    if not m:
        continue
    platform, resource = m.group(1), m.group(2)
    cells = [c.strip() for c in m.group(3).rstrip("|").split(" | ")]
    required, oneof, optional, tier, archetype, notes = cells
    if platform not in platform_order:
        platform_order.append(platform)
    path = f"/v1/{platform}/{resource}"
    params = []
    for n in names(required):
        params.append({"name": n, "type": kind_by_name(n)})
    one_of = names(oneof)
    for n in one_of:
        params.append({"name": n, "type": kind_by_name(n)})
    if optional != "none":
        for pm in re.finditer(r"`([^`]+)`(?: \(([^)]*)\))?", optional):
            n, desc = pm.group(1), pm.group(2)
            p = {"name": n, "type": kind_by_name(n)}
            if desc == "int":
                p["type"] = "int"
            elif desc == "bool":
                p["type"] = "bool"
            elif desc and desc.startswith("enum,"):
                p["type"] = "enum"; p["values"] = long_lists[(path, n)]
            elif desc:
                p["type"] = "enum"; p["values"] = [v.strip() for v in desc.split(" / ")]
            params.append(p)
    t = tier.split(" / ")[0]
    fm = re.match(r"field map `([^`]+)`", notes)
    e = {"platform": platform, "resource": resource, "tier": t, "archetype": archetype,
         "required": names(required)}
    if one_of:
        e["one_of"] = [one_of]
    e["params"] = params
    if fm:
        e["field_map"] = fm.group(1)
    endpoints.append(e)

out = {"platforms": [{"name": p, "url_hosts": HOSTS[p]} for p in platform_order], "endpoints": endpoints}
lines = ["{", "  \"platforms\": ["]
lines.append(",\n".join("    " + json.dumps(p) for p in out["platforms"]))
lines += ["  ],", "  \"endpoints\": ["]
lines.append(",\n".join("    " + json.dumps(e) for e in out["endpoints"]))
lines += ["  ]", "}"]
print("\n".join(lines))
print(len(endpoints), "endpoints", len(platform_order), "platforms", file=sys.stderr)
