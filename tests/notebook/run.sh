#!/bin/sh
# tests/notebook/run.sh - run docs/examples/stichwort.ipynb headless with
# jupyter nbconvert and check that every cell ran without an error and
# that both charts (trend, keyness) were drawn.
#
#   sh tests/notebook/run.sh path/to/stichwort OUTDIR
#
# The executed notebook is left in OUTDIR/stichwort.ipynb.  Skipped with a
# message when jupyter-nbconvert or the kernel's pandas, matplotlib or
# ipykernel are missing (Debian: jupyter-nbconvert python3-pandas
# python3-matplotlib python3-ipykernel; .ci/run installs them).

if [ $# -ne 2 ]; then
	echo "usage: run.sh STICHWORT OUTDIR" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
out=$2
here=$(cd "$(dirname "$0")" && pwd)
nb="$here/../../docs/examples/stichwort.ipynb"

nbconvert=$(command -v jupyter-nbconvert 2>/dev/null)
if [ -z "$nbconvert" ]; then
	echo "notebook: jupyter-nbconvert not found (Debian: jupyter-nbconvert); skipped"
	exit 0
fi
# The Python that nbconvert (and Debian's python3 kernel) runs on.
py=$(sed -n '1s/^#! *//p' "$nbconvert" | awk '{ print $NF }')
case "$py" in
*python*) ;;
*) py=python3 ;;
esac
for m in pandas matplotlib ipykernel nbformat; do
	if ! "$py" -c "import $m" > /dev/null 2>&1; then
		echo "notebook: Python module $m missing for $py (Debian: python3-$m); skipped"
		exit 0
	fi
done

mkdir -p "$out" || exit 2
# nbconvert resolves a relative --output-dir against the notebook's folder.
out=$(cd "$out" && pwd)
rm -f "$out/stichwort.ipynb"
STICHWORT=$bin MPLCONFIGDIR="$out/mpl" MPLBACKEND=module://matplotlib_inline.backend_inline \
	"$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
	--output-dir "$out" --output stichwort.ipynb "$nb" > "$out/nbconvert.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	echo "FAIL notebook: nbconvert --execute failed ($rc):"
	tail -n 30 "$out/nbconvert.log"
	exit 1
fi
"$py" - "$out/stichwort.ipynb" <<'EOP'
import sys
import nbformat

nb = nbformat.read(sys.argv[1], as_version=4)
errors, images, tables = [], 0, 0
for i, cell in enumerate(nb.cells):
    if cell.cell_type != "code":
        continue
    if cell.get("execution_count") is None:
        errors.append(f"cell {i} did not run")
    for o in cell.get("outputs", []):
        if o.output_type == "error":
            errors.append(f"cell {i}: {o.ename}: {o.evalue}")
        if o.output_type == "stream" and o.name == "stderr":
            errors.append(f"cell {i} wrote to stderr: {o.text[:200]}")
        data = o.get("data", {})
        images += "image/png" in data
        tables += "text/html" in data
if images < 2:
    errors.append(f"{images} charts drawn, expected 2 (trend, keyness)")
if tables < 4:
    errors.append(f"{tables} tables shown, expected at least 4")
src = "".join(c.source for c in nb.cells)
if errors:
    print("FAIL notebook:\n  " + "\n  ".join(errors))
    sys.exit(1)
print(f"notebook: {len(nb.cells)} cells ran, {images} charts, {tables} tables -> {sys.argv[1]}")
EOP
