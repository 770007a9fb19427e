#!/usr/bin/env python3
"""tests/shape/gen.py - corpora of hostile *shapes* for the shape fuzzer.

Not hostile bytes (the libFuzzer targets do that) but hostile structure:
thousands of one-document groups, sentinel dates, empty and stopword-only
groups, huge fields, many distinct field values, deep period series,
punctuation-only documents, JSON Lines and manifest directories mixed.
Every choice comes from the seed, so a round can be replayed exactly.

  gen.py hostile SEED ROUND SCALE SRCDIR OUT
      writes the round's corpus into OUT/corpus/, OUT/inputs (the input
      arguments, tab-separated, with @C for the corpus directory),
      OUT/commands (one run per line: the command, the inputs, its
      options, tab-separated; @C for the corpus directory, @O for an output
      path, @S for the source tree), OUT/shape (one line: the shape,
      its parameters, the layout and the corpus size in bytes) and
      OUT/span (the number of periods from the first date to the last:
      by year, quarter, month).
  gen.py baseline SEED BYTES SRCDIR OUT INPUTS
      an ordinary corpus (normal documents, 2018-2025 dates, five groups)
      of about BYTES bytes, laid out as the INPUTS file says (the same
      file names), so that the same command lines run on it; OUT/span too.

SCALE is ci (sizes for a CI run of a few minutes) or full.  Standard
library only.
"""

import json
import os
import random
import sys

CONTENT = """Digitalisierung Verwaltung Souveränität Cloud Plattform Daten Datenschutz
Infrastruktur Netz Breitband Glasfaser Kommune Bund Land Bürger Bürgerin Dienst
Onlinezugangsgesetz Register Modernisierung Sicherheit Informationssicherheit
Abhängigkeit Hersteller Software Quelltext Standard Schnittstelle Gesetz Strategie
Förderung Haushalt Investition Wirtschaft Mittelstand Forschung Innovation Bildung
Schule Hochschule Gesundheit Krankenhaus Pflege Energie Klima Verkehr Mobilität
Wohnung Arbeit Fachkraft Ausbildung Europa Kommission Parlament Ausschuss Antrag
Beschluss Verordnung Richtlinie Behörde Amt Rathaus Portal Anwendung Prozess
Verfahren Akte Identität Ausweis Signatur Zertifikat Rechenzentrum Server Netzwerk
Algorithmus Intelligenz Transparenz Beteiligung Teilhabe Zukunft Wandel Risiko
Chance Ziel Maßnahme Programm Projekt Konzept Bericht Evaluation Kosten Nutzen
digital digitale digitalen souverän offen offene sicher sicheren modern moderne
öffentlich öffentliche europäisch europäische kommunal kommunale schnell einfach
nachhaltig nachhaltige neu neue wichtig zentral zentrale gemeinsam gemeinsame
stärken fördern ausbauen sichern verbessern entwickeln umsetzen beschließen
prüfen nutzen betreiben vernetzen beraten fordern unterstützen gestalten""".split()

PHRASES = ["digitale Souveränität", "Open Source", "öffentliche Verwaltung",
           "künstliche Intelligenz", "digitale Infrastruktur",
           "europäische Cloud", "Open-Source-Software"]

PUNCT = list(".,;:!?-–—…()[]{}„“‚‘\"'«»/\\*&%$§#+=<>|~^_`@") + \
    ["...", "?!", "--", "—", "…", "„“", "!!!", "·", "•", "¶", "†"]

DICT = "@S/docs/examples/digitale-souveraenitaet.json"
THEME_TERMS = "digital*,souverän*,=Cloud,open source,stem:verwalt,*sicherheit"


def stopwords(src):
	words = []
	for name in ("de.txt", "de-speech.txt"):
		try:
			with open(os.path.join(src, "stopwords", name), encoding="utf-8") as f:
				for line in f:
					w = line.split("#", 1)[0].strip()
					if w and " " not in w:
						words.append(w)
		except OSError:
			pass
	return words or ["und", "die", "der", "das", "in", "zu", "mit", "von"]


class Gen:
	def __init__(self, rng, src):
		self.r = rng
		self.stop = stopwords(src)

	def sentence(self, nwords):
		r = self.r
		out = []
		for i in range(nwords):
			x = r.random()
			if x < 0.45:
				out.append(r.choice(self.stop))
			elif x < 0.52:
				out.append(r.choice(PHRASES))
			elif x < 0.55:
				out.append(str(r.randint(1, 2030)))
			else:
				out.append(r.choice(CONTENT))
		s = " ".join(out)
		return s[:1].upper() + s[1:] + r.choice([".", ".", ".", "!", "?"])

	def text(self, nbytes):
		parts = []
		n = 0
		while n < nbytes:
			s = self.sentence(self.r.randint(6, 24))
			parts.append(s)
			n += len(s.encode()) + 1
			if self.r.random() < 0.15:
				parts.append("\n\n")
		return " ".join(parts)

	def stop_text(self, nwords):
		return " ".join(self.r.choice(self.stop) for _ in range(nwords))

	def punct_text(self, n):
		r = self.r
		return "".join(r.choice(PUNCT) + (" " if r.random() < 0.4 else "") for _ in range(n))

	def word(self, length):
		# a made-up German-looking word, distinct values for fields
		syl = ["ver", "wal", "tung", "di", "gi", "tal", "sou", "ve", "rä", "ni",
		       "tät", "da", "ten", "schutz", "netz", "bund", "land", "amt", "rat",
		       "haus", "plan", "stra", "te", "gie", "ö", "ß", "ü"]
		parts = []
		n = 0
		while n < length:
			s = self.r.choice(syl)
			parts.append(s)
			n += len(s)
		w = "".join(parts)[:length]
		return w[:1].upper() + w[1:]

	def normal_date(self):
		r = self.r
		y = r.randint(2018, 2025)
		k = r.random()
		if k < 0.6:
			return "%04d-%02d-%02d" % (y, r.randint(1, 12), r.randint(1, 28))
		if k < 0.8:
			return "%04d-%02d" % (y, r.randint(1, 12))
		if k < 0.95:
			return "%04d" % y
		return None


class Corpus:
	"""Documents, then written as JSON Lines, a manifest directory, a plain
	directory with a --meta file, or a mix."""

	def __init__(self):
		self.docs = []  # dicts: id, text, date, group, title, extra fields

	def add(self, **kw):
		d = {k: v for k, v in kw.items() if v is not None}
		d.setdefault("id", "d%06d" % len(self.docs))
		self.docs.append(d)

	def write(self, out, layout, rng):
		"""layout: jsonl, manifest, meta or mixed; returns the input args."""
		cdir = os.path.join(out, "corpus")
		os.makedirs(cdir, exist_ok=True)
		parts = {"jsonl": [], "manifest": [], "meta": []}
		if layout == "mixed":
			for d in self.docs:
				parts[rng.choice(["jsonl", "manifest", "meta"])].append(d)
		else:
			parts[layout] = list(self.docs)
		args = []
		# the layouts always exist when named, even empty, so that a
		# baseline laid out the same way has the same paths
		if layout in ("jsonl", "mixed"):
			with open(os.path.join(cdir, "docs.jsonl"), "w", encoding="utf-8") as f:
				for d in parts["jsonl"]:
					f.write(json.dumps(d, ensure_ascii=rng.random() < 0.3) + "\n")
			args += ["--jsonl", "@C/docs.jsonl"]
		if layout in ("manifest", "mixed"):
			mdir = os.path.join(cdir, "man")
			os.makedirs(os.path.join(mdir, "t"), exist_ok=True)
			with open(os.path.join(mdir, "metadata.jsonl"), "w", encoding="utf-8") as f:
				for i, d in enumerate(parts["manifest"]):
					path = "t/%06d.txt" % i
					with open(os.path.join(mdir, path), "w", encoding="utf-8") as g:
						g.write(d["text"])
					rec = {k: v for k, v in d.items() if k != "text"}
					rec["path"] = path
					f.write(json.dumps(rec, ensure_ascii=False) + "\n")
			args.append("@C/man")
		if layout in ("meta", "mixed"):
			pdir = os.path.join(cdir, "plain")
			os.makedirs(pdir, exist_ok=True)
			with open(os.path.join(cdir, "meta.jsonl"), "w", encoding="utf-8") as f:
				for i, d in enumerate(parts["meta"]):
					name = "%06d.txt" % i
					with open(os.path.join(pdir, name), "w", encoding="utf-8") as g:
						g.write(d["text"])
					rec = {k: v for k, v in d.items() if k not in ("text", "id")}
					rec["path"] = name
					f.write(json.dumps(rec, ensure_ascii=False) + "\n")
			if not parts["meta"]:
				# a directory without files is "no input"; keep one
				with open(os.path.join(pdir, "leer.txt"), "w") as g:
					g.write("Verwaltung.\n")
			args += ["@C/plain", "--meta", "@C/meta.jsonl"]
		return args


def write_span(c, out):
	"""OUT/span: how many periods a series over the corpus's dates has, by
	year, quarter and month (dates as stichwort reads them: years
	1000-9999, real days; a bare year has no quarter or month)."""
	ys, ms = [], []
	for d in c.docs:
		v = d.get("date")
		if not isinstance(v, str):
			continue
		try:
			p = [int(x) for x in v.split("-")]
		except ValueError:
			continue
		if not 1000 <= p[0] <= 9999 or len(p) > 3:
			continue
		if len(p) >= 2 and not 1 <= p[1] <= 12:
			continue
		if len(p) == 3:
			mdays = [31, 29 if p[0] % 4 == 0 and (p[0] % 100 or p[0] % 400 == 0) else 28,
				 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p[1] - 1]
			if not 1 <= p[2] <= mdays:
				continue
		ys.append(p[0])
		if len(p) >= 2:
			ms.append(p[0] * 12 + p[1] - 1)
	year = max(ys) - min(ys) + 1 if ys else 1
	quarter = max(ms) // 3 - min(ms) // 3 + 1 if ms else 1
	month = max(ms) - min(ms) + 1 if ms else 1
	with open(os.path.join(out, "span"), "w") as f:
		f.write("%d %d %d\n" % (year, quarter, month))


def corpus_bytes(out):
	n = 0
	for root, _, files in os.walk(os.path.join(out, "corpus")):
		for f in files:
			n += os.path.getsize(os.path.join(root, f))
	return n


# ------------------------------------------------------------------ shapes
# Each shape fills a Corpus and returns (params, focus): focus is a list of
# extra command lines that aim at the shape's weak spot.

def sh_groups(g, c, scale, r):
	hi = int(os.environ.get("SHAPE_MAX_GROUPS", "3000" if scale == "ci" else "5000"))
	n = r.randint(max(1, hi // 3), hi)
	for i in range(n):
		c.add(text=g.text(r.randint(40, 400)), date=g.normal_date(),
		      group="g%d" % i, title="T%d" % (i % 7))
	return ("groups=%d" % n,
		[["terms", "--by", "group", "--top", "5"],
		 ["keywords", "--per", "group", "--top", "3"],
		 ["themes", "--terms", THEME_TERMS, "--by", "group"],
		 ["keyness", "--by", "group", "--target", "g0", "--min-count", "1"]])


def sh_sentinel(g, c, scale, r):
	n = r.randint(50, 300 if scale == "ci" else 1500)
	sentinels = ["9999-12-31", "9999-12", "9999", "1000-01-01", "1000", "0001-01-01",
		     "1900-01-01", "2099-12-31", "1970-01-01", "0000-00-00", "2024-02-30"]
	k = 0
	for i in range(n):
		if r.random() < 0.08:
			date = r.choice(sentinels)
			k += 1
		else:
			date = g.normal_date()
		c.add(text=g.text(r.randint(100, 3000)), date=date, group="g%d" % r.randint(0, 4))
	c.add(text=g.text(500), date="9999-12-31", group="g0")
	c.add(text=g.text(500), date="1000-01-01", group="g1")
	c.add(text=g.text(500), date="2020-06-01", group="g0")
	return ("docs=%d sentinels=%d" % (n + 3, k + 2),
		[["trends", "--by", "month", "--terms", "verwaltung,digital*"],
		 ["report", "--period", "month", "--top", "5"],
		 ["keyness", "--target-dates", "2020..2021", "--min-count", "1"]])


def sh_empty(g, c, scale, r):
	n = r.randint(50, 500 if scale == "ci" else 3000)
	for i in range(n):
		x = r.random()
		grp = "g%d" % r.randint(0, 9)
		if x < 0.4:
			t = ""
		elif x < 0.6:
			t = r.choice([" ", "\n", "\n\n\n", "\t \r\n", "\u00a0", "\ufeff", "\u200b"])
		elif x < 0.7:
			t = g.text(200)
			grp = "g%d" % r.randint(0, 1)
		else:
			t = ""
			grp = r.choice(["", "leer", "g%d" % r.randint(2, 9)])
		c.add(text=t, date=g.normal_date(), group=grp, title=r.choice(["", None, "x"]))
	c.add(text=g.text(300), date="2020-03-01", group="g0")
	return ("docs=%d" % (n + 1),
		[["keywords", "--per", "group", "--threads", "2"],
		 ["terms", "--by", "group"],
		 ["phrases", "--min-count", "1"]])


def sh_stopwords(g, c, scale, r):
	n = r.randint(20, 400 if scale == "ci" else 2000)
	for i in range(n):
		if r.random() < 0.85:
			t = g.stop_text(r.randint(1, 300))
			grp = "s%d" % r.randint(0, 20)
		else:
			t = g.text(300)
			grp = "g%d" % r.randint(0, 2)
		c.add(text=t, date=g.normal_date(), group=grp)
	c.add(text=g.text(300), date="2020-01-01", group="g0")
	c.add(text=g.stop_text(20), date="2020-01-01", group="s0")
	return ("docs=%d" % (n + 2),
		[["keywords", "--per", "group", "--threads", "2", "--method", "bm25"],
		 ["keywords", "--per", "year", "--threads", "2", "--method", "textrank"],
		 ["keyness", "--by", "group", "--target", "s0", "--min-count", "1"],
		 ["trends", "--by", "quarter"]])


def sh_hugetitle(g, c, scale, r):
	size = 1 << 20
	w = r.random() < 0.5
	title = g.word(size) if w else g.text(size)
	n = r.randint(5, 50)
	for i in range(n):
		c.add(text=g.text(r.randint(200, 2000)), date=g.normal_date(),
		      group=title if i == 0 and r.random() < 0.5 else "g%d" % (i % 3),
		      title=title if i % 5 == 0 else "T%d" % i)
	c.add(text=g.text(300), date="2020-01-01", group="g0", title="T0")
	return ("docs=%d title=%d bytes (%s)" % (n + 1, len(title.encode()), "word" if w else "text"),
		[["terms", "--by", "title", "--top", "3"],
		 ["keyness", "--by", "title", "--target", "T0", "--min-count", "1"],
		 ["report", "--top", "5"]])


def sh_hugeword(g, c, scale, r):
	size = int(os.environ.get("SHAPE_WORD_MB", "5")) << 20
	k = r.random()
	if k < 0.4:
		word = ("Digitalisierungsverwaltungssouveränität" * (size // 40 + 1))[:size]
	elif k < 0.8:
		word = g.word(size)
	else:
		word = "x" * size
	c.add(text=word, date="2021-05-05", group="g0", title="Wort")
	for i in range(r.randint(3, 30)):
		c.add(text=g.text(r.randint(200, 2000)), date=g.normal_date(), group="g%d" % (i % 3))
	c.add(text=g.text(300), date="2020-01-01", group="g0")
	return ("word=%d bytes" % len(word.encode()),
		[["kwic", "--term", "digital*", "--sentence", "--limit", "20"],
		 ["tokens", "--no-punct"]])


def sh_values(g, c, scale, r):
	n = r.randint(200, 3000 if scale == "ci" else 8000)
	for i in range(n):
		c.add(text=g.text(r.randint(40, 300)), date=g.normal_date(),
		      group="g%d" % (i % 4), title="Titel %d %s" % (i, g.word(r.randint(3, 60))),
		      speaker=g.word(r.randint(4, 20)) + " %d" % i,
		      party=r.choice(["A", "B", "C", None, "", 0, True]))
	c.docs[0]["speaker"] = "S0"  # a value the baseline has too
	return ("docs=%d distinct titles and speakers" % n,
		[["terms", "--by", "title", "--top", "2"],
		 ["terms", "--by", "speaker", "--top", "2"],
		 ["themes", "--terms", THEME_TERMS, "--by", "speaker"],
		 ["keyness", "--by", "speaker", "--target", "S0", "--min-count", "1"]])


def sh_periods(g, c, scale, r):
	n = r.randint(300, 2000 if scale == "ci" else 6000)
	lo = r.choice([1000, 1500, 1800, 1900])
	for i in range(n):
		y = r.randint(lo, 2025)
		date = "%04d-%02d-%02d" % (y, r.randint(1, 12), r.randint(1, 28))
		c.add(text=g.text(r.randint(40, 400)), date=date, group="g%d" % (i % 5))
	c.add(text=g.text(300), date="2020-01-01", group="g0")
	return ("docs=%d years %d..2025" % (n + 1, lo),
		[["trends", "--by", "month", "--summary"],
		 ["trends", "--by", "quarter", "--terms", "verwaltung,cloud"],
		 ["report", "--period", "month", "--top", "5"],
		 ["themes", "--terms", THEME_TERMS, "--by", "month"],
		 ["keywords", "--per", "month", "--top", "2"]])


def sh_punct(g, c, scale, r):
	n = r.randint(20, 400 if scale == "ci" else 2000)
	for i in range(n):
		if r.random() < 0.85:
			t = g.punct_text(r.randint(1, 2000))
			grp = "p%d" % r.randint(0, 10)
		else:
			t = g.text(300)
			grp = "g%d" % r.randint(0, 2)
		c.add(text=t, date=g.normal_date(), group=grp)
	c.add(text=g.text(300), date="2020-01-01", group="g0")
	return ("docs=%d" % (n + 1),
		[["tokens"],
		 ["keywords", "--per", "group", "--threads", "2", "--method", "yake"],
		 ["kwic", "--term", "verwaltung", "--window", "30"]])


def sh_mixed(g, c, scale, r):
	# a little of everything, in every layout at once
	n = r.randint(100, 800 if scale == "ci" else 3000)
	for i in range(n):
		k = r.random()
		date = g.normal_date() if r.random() < 0.9 else r.choice(["9999-12-31", "1000-01-01", "1850"])
		grp = "g%d" % r.randint(0, 4) if r.random() < 0.7 else "u%d" % i
		if k < 0.1:
			t = ""
		elif k < 0.2:
			t = g.stop_text(r.randint(1, 50))
		elif k < 0.3:
			t = g.punct_text(r.randint(1, 100))
		elif k < 0.32:
			t = g.word(r.randint(1000, 100000))
		else:
			t = g.text(r.randint(50, 3000))
		c.add(text=t, date=date, group=grp, title=g.word(r.randint(2, 30)))
	c.add(text=g.text(300), date="2020-01-01", group="g0")
	return ("docs=%d" % (n + 1),
		[["report", "--period", "quarter", "--themes", DICT],
		 ["terms", "--by", "group", "--threads", "2"]])


SHAPES = [("groups", sh_groups), ("sentinel", sh_sentinel), ("empty", sh_empty),
	  ("stopwords", sh_stopwords), ("hugetitle", sh_hugetitle), ("hugeword", sh_hugeword),
	  ("values", sh_values), ("periods", sh_periods), ("punct", sh_punct), ("mixed", sh_mixed)]


# ---------------------------------------------------------------- commands

def commands(r, focus):
	"""One run of every command with options drawn from the seed, then the
	shape's focus runs.  Every line gets --threads, -q and an output."""
	runs = [
		["terms"] + r.choice([[], ["--by", "group"], ["--by", "year"], ["--by", "doc"],
				      ["--by", "month"], ["--by", "quarter"]])
		+ r.choice([[], ["--all"], ["--with-compounds"], ["--key", "stem"], ["--top", "0"]]),
		["tokens"] + r.choice([[], ["--no-punct"], ["--key", "stem", "--stemmer", "cistem"]]),
		["phrases"] + r.choice([[], ["--measure", "ll"], ["--min-count", "1", "--max-len", "8"]]),
		["keywords"] + r.choice([[], ["--per", "group"], ["--per", "year"], ["--per", "doc"],
					 ["--per", "quarter"]])
		+ ["--method", r.choice(["auto", "tfidf", "bm25", "yake", "textrank"])]
		+ r.choice([[], ["--no-phrases"], ["--sublinear"]]),
		["keyness"] + r.choice([["--by", "group", "--target", "g0"],
					["--by", "year", "--target", "2020"],
					["--target-dates", "2020..2021"],
					["--by", "group", "--target", "g0", "--themes", DICT]])
		+ r.choice([[], ["--measure", "log_ratio"], ["--p", "0.05", "--bonferroni"]]),
		["trends", "--by", r.choice(["year", "quarter", "month"])]
		+ r.choice([[], ["--summary"], ["--terms", "verwaltung,digital*,open source"],
			    ["--themes", DICT], ["--rising", "3", "--falling", "3"]]),
		["themes"] + r.choice([["--dict", DICT], ["--terms", THEME_TERMS]])
		+ r.choice([[], ["--by", "group"], ["--by", "year"], ["--by", "doc"], ["--by", "month"]])
		+ r.choice([[], ["--per-pattern"], ["--with-compounds"]]),
		["kwic"] + r.choice([["--term", "verwaltung"], ["--term", "digital*"],
				     ["--term", "digitale souveränität"], ["--dict", DICT]])
		+ r.choice([[], ["--sentence"], ["--window", "2"], ["--limit", "10"]]),
		["report", "--period", r.choice(["year", "quarter", "month"])]
		+ r.choice([[], ["--themes", DICT], ["--kwic", "0"], ["--method", "bm25"]]),
	]
	runs += focus
	out = []
	for i, cmd in enumerate(runs):
		cmd = list(cmd)
		if "--threads" not in cmd:
			cmd += ["--threads", r.choice(["1", "2"])]
		if cmd[0] == "report":
			cmd += ["-o", "@O"]
		else:
			cmd += ["--format", r.choice(["jsonl", "json", "csv", "tsv", "md", "table"]), "-o", "@O"]
		cmd.append("-q")
		out.append(cmd)
	return out


def hostile(seed, rnd, scale, src, out):
	r = random.Random("%s/%s" % (seed, rnd))
	order = list(range(len(SHAPES)))
	# every block of len(SHAPES) rounds has every shape once, in a seeded order
	random.Random("%s/block%d" % (seed, rnd // len(SHAPES))).shuffle(order)
	name, fn = SHAPES[order[rnd % len(SHAPES)]]
	if os.environ.get("SHAPE_ONLY"):
		name = os.environ["SHAPE_ONLY"]
		fn = dict(SHAPES)[name]
	g = Gen(r, src)
	c = Corpus()
	params, focus = fn(g, c, scale, r)
	layout = r.choice(["jsonl", "manifest", "meta", "mixed"])
	if name == "hugeword" and layout == "meta":
		layout = "jsonl"
	args = c.write(out, layout, r)
	write_span(c, out)
	with open(os.path.join(out, "inputs"), "w") as f:
		f.write("\t".join(args) + "\n")
	with open(os.path.join(out, "commands"), "w") as f:
		for cmd in commands(r, focus):
			f.write("\t".join(cmd[:1] + args + cmd[1:]) + "\n")
	with open(os.path.join(out, "shape"), "w") as f:
		f.write("%s %s layout=%s bytes=%d\n" % (name, params, layout, corpus_bytes(out)))


def baseline(seed, nbytes, src, out, inputs):
	r = random.Random("%s/baseline" % seed)
	g = Gen(r, src)
	c = Corpus()
	n = 0
	i = 0
	while n < nbytes or i < 10:
		t = g.text(r.randint(1000, 3000))
		c.add(text=t, date="2020-01-01" if i == 0 else g.normal_date(),
		      group=["g0", "g1", "g2", "g3", "s0"][i % 5], title="T%d" % (i % 7),
		      speaker="S%d" % (i % 6))
		n += len(t.encode()) + 80
		i += 1
	with open(inputs) as f:
		args = f.read().split()
	has = {"jsonl": "@C/docs.jsonl" in args, "manifest": "@C/man" in args, "meta": "@C/plain" in args}
	layout = "mixed" if sum(has.values()) > 1 else [k for k, v in has.items() if v][0]
	c.write(out, layout, r)
	write_span(c, out)


def main(argv):
	if len(argv) == 7 and argv[1] == "hostile":
		hostile(argv[2], int(argv[3]), argv[4], argv[5], argv[6])
	elif len(argv) == 7 and argv[1] == "baseline":
		baseline(argv[2], int(argv[3]), argv[4], argv[5], argv[6])
	else:
		sys.stderr.write(__doc__)
		return 2
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
