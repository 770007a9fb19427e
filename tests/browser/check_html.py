#!/usr/bin/env python3
"""Check a stichwort report.html and print a summary of its structure.

usage: check_html.py [--quiet] report.html

The checks (any failure: messages on stdout, exit status 1):
  - well-formed: a doctype first; every element that is not void closed,
    in order (stricter than HTML, which lets some end tags be implied);
    void elements never closed; "/>" only on void and SVG elements; no
    attribute twice on one element; no bare "&" in text or attributes;
  - only known HTML and SVG elements;
  - unique ids; every href="#..." and aria-labelledby names an existing id;
  - self-contained: no <link>, <img>, <iframe>, <object>, <embed>, no
    <script src>, no attribute that loads an http(s) or protocol-relative
    address (the SVG xmlns is a name, not a load);
  - every <svg class="chart"> has role="img", aria-labelledby naming its
    own <title> and <desc>, a visible title text, and at least one mark
    (class "mark" on a rect or circle with a positive size);
  - every data table has a header row and at least one body row.

The summary (stdout, for golden tests): one line per chart (kind, title,
number of marks, the first mark's tooltip), one per table (caption or
nearest heading, rows, the cells of the first row), and the number of
concordance blocks and lines.  Deterministic for a deterministic page.
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
HTML = VOID | {"html", "head", "body", "title", "style", "script", "main", "header",
               "footer", "nav", "section", "h1", "h2", "h3", "h4", "p", "div", "span",
               "a", "ol", "ul", "li", "table", "caption", "thead", "tbody", "tr", "th",
               "td", "figure", "figcaption", "code", "small", "strong", "em", "button",
               "details", "summary", "svg"}
SVG = {"svg", "g", "rect", "circle", "line", "polyline", "path", "text", "title", "desc",
       "a", "defs", "lineargradient", "stop", "tspan"}
FORBIDDEN = {"link", "img", "iframe", "object", "embed"}


class Node:
    def __init__(self, tag, attrs, parent, line):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.text = []
        self.line = line

    def cls(self):
        return self.attrs.get("class", "").split()

    def all_text(self):
        out = list(self.text)
        for c in self.children:
            out.append(c.all_text())
        return "".join(out)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.root = Node("#root", [], None, 0)
        self.cur = self.root
        self.svg_depth = 0
        self.seen_doctype = False
        self.seen_element = False

    def err(self, msg):
        self.errors.append("line %d: %s" % (self.getpos()[0], msg))

    def handle_decl(self, decl):
        if decl.lower() == "doctype html" and not self.seen_element:
            self.seen_doctype = True
        else:
            self.err("unexpected declaration <!%s>" % decl)

    def _open(self, tag, attrs, selfclosing):
        self.seen_element = True
        names = [a for a, _ in attrs]
        for a in set(names):
            if names.count(a) > 1:
                self.err("<%s> has attribute %s twice" % (tag, a))
        in_svg = self.svg_depth > 0 or tag == "svg"
        if tag not in (SVG if in_svg else HTML):
            self.err("unknown element <%s>" % tag)
        if tag in FORBIDDEN:
            self.err("<%s> loads an external resource" % tag)
        if tag == "script" and dict(attrs).get("src") is not None:
            self.err("<script src> loads an external resource")
        for a, v in attrs:
            if v is None or a == "xmlns":
                continue
            if re.match(r"\s*(https?:)?//", v) and a in ("src", "href", "action", "data",
                                                         "poster", "srcset"):
                self.err("<%s %s=%r> loads from the network" % (tag, a, v))
            if "url(" in v and re.search(r"url\(\s*['\"]?(https?:)?//", v):
                self.err("<%s %s> loads from the network" % (tag, a))
        node = Node(tag, attrs, self.cur, self.getpos()[0])
        self.cur.children.append(node)
        if selfclosing:
            if not in_svg and tag not in VOID:
                self.err("<%s/> is not a void element" % tag)
            return
        if tag in VOID and not in_svg:
            return
        if tag == "svg":
            self.svg_depth += 1
        self.cur = node

    def handle_starttag(self, tag, attrs):
        self._open(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, attrs, True)

    def handle_endtag(self, tag):
        if tag in VOID and self.svg_depth == 0:
            self.err("end tag of void element </%s>" % tag)
            return
        if self.cur.tag != tag:
            self.err("</%s> closes <%s> (opened on line %d)" % (tag, self.cur.tag, self.cur.line))
            n = self.cur
            while n is not self.root and n.tag != tag:
                n = n.parent
            if n is self.root:
                return
            self.cur = n
        if tag == "svg":
            self.svg_depth -= 1
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.text.append(data)


def bare_ampersands(src):
    """Bare '&' outside <script> and <style> (entities must be complete)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", src, flags=re.S)
    bad = re.findall(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)", body)
    return len(bad)


def main():
    args = [a for a in sys.argv[1:] if a != "--quiet"]
    quiet = "--quiet" in sys.argv[1:]
    if len(args) != 1:
        print(__doc__.splitlines()[2])
        return 2
    with open(args[0], encoding="utf-8") as f:
        src = f.read()
    p = Checker()
    p.feed(src)
    p.close()
    errors = p.errors
    if not p.seen_doctype:
        errors.append("no <!DOCTYPE html> at the start")
    if p.cur is not p.root:
        errors.append("<%s> (line %d) is never closed" % (p.cur.tag, p.cur.line))
    n = bare_ampersands(src)
    if n:
        errors.append("%d bare '&' (not an entity)" % n)

    nodes = list(p.root.walk())
    ids = {}
    for nd in nodes:
        i = nd.attrs.get("id")
        if i is None:
            continue
        if i in ids:
            errors.append("line %d: id %r used twice" % (nd.line, i))
        ids[i] = nd
    for nd in nodes:
        h = nd.attrs.get("href")
        if h and h.startswith("#") and h[1:] not in ids:
            errors.append("line %d: href %r names no element" % (nd.line, h))
        for ref in (nd.attrs.get("aria-labelledby") or "").split():
            if ref not in ids:
                errors.append("line %d: aria-labelledby %r names no element" % (nd.line, ref))

    out = []
    charts = [nd for nd in nodes if nd.tag == "svg" and "chart" in nd.cls()]
    out.append("charts: %d" % len(charts))
    for c in charts:
        cid = c.attrs.get("id", "?")
        if c.attrs.get("role") != "img":
            errors.append("chart %s: no role=img" % cid)
        refs = (c.attrs.get("aria-labelledby") or "").split()
        kids = [k.tag for k in c.children]
        if refs != [cid + "-t", cid + "-d"] or kids[:2] != ["title", "desc"]:
            errors.append("chart %s: <title> and <desc> must come first and be named by "
                          "aria-labelledby" % cid)
        title = c.children[0].all_text() if c.children else ""
        if not title.strip():
            errors.append("chart %s: empty title" % cid)
        shown = [t for t in c.walk() if t.tag == "text" and "ttl" in t.cls()]
        if not shown or shown[0].all_text() != title:
            errors.append("chart %s: no visible title" % cid)
        marks = [m for m in c.walk() if "mark" in m.cls()]
        good = 0
        for m in marks:
            if m.tag == "rect":
                good += float(m.attrs.get("width", 0)) > 0 and float(m.attrs.get("height", 0)) > 0
            elif m.tag == "circle":
                good += float(m.attrs.get("r", 0)) > 0
        if not good:
            errors.append("chart %s: no drawn marks" % cid)
        first = ""
        for m in marks:
            t = [k for k in m.children if k.tag == "title"]
            if t:
                first = t[0].all_text()
                break
        out.append("%s %s %r: %d marks; first: %s" % (cid, c.attrs.get("data-chart", "?"),
                                                     title, good, first))
    tables = [nd for nd in nodes if nd.tag == "table" and "kwic" not in nd.cls()]
    out.append("tables: %d" % len(tables))
    for t in tables:
        cap = [k for k in t.children if k.tag == "caption"]
        name = cap[0].all_text() if cap else ""
        if not name:  # the nearest heading before it
            n = t
            while n.parent is not None and not name:
                sib = n.parent.children[:n.parent.children.index(n)]
                for s in reversed(sib):
                    hs = [h for h in s.walk() if h.tag in ("h2", "h3")]
                    if hs:
                        name = hs[-1].all_text()
                        break
                n = n.parent
        heads = [nd for nd in t.walk() if nd.tag == "th"]
        body = [nd for nd in t.walk() if nd.tag == "tr" and nd.parent.tag == "tbody"]
        if not heads:
            errors.append("table %r: no header cells" % name)
        if not body:
            errors.append("table %r: no rows" % name)
            continue
        cells = [c.all_text().strip() for c in body[0].children if c.tag in ("td", "th")]
        out.append("%r: %d rows; first: %s" % (name, len(body), " | ".join(cells)))
    kw = [nd for nd in nodes if nd.tag == "div" and "kw" in nd.cls()]
    lines = sum(1 for d in kw for nd in d.walk() if nd.tag == "tr")
    out.append("concordance: %d terms, %d lines" % (len(kw), lines))

    if not quiet:
        print("\n".join(out))
    for e in errors:
        print("error: " + e)
    print("html: %d elements, %d errors" % (len(nodes) - 1, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
