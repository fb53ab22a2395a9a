#!/usr/bin/env bash
# Typeset the PDF fixtures of tests/fixtures/pdf/ (see its README.md) from real articles, in
# three layouts: LaTeX footnotes, Word-style footnotes (a .docx printed by LibreOffice), and
# two columns. Needs (Debian): pandoc texlive-xetex texlive-latex-recommended fonts-dejavu
# libreoffice-writer; run from the repository: bash scripts/typeset_pdf.sh [SHARED_ARTICLES_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=tests/fixtures/pdf
SRC=$OUT/src
ARTICLES=${1:-../shared/data/articles}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$SRC"

# 1. The Markdown sources: the seed with its notes as [^n] at their markers, and three
#    Programming Historian lessons (CC BY 4.0) without code, links' targets, figures or tables.
#    src/ru-sample.md is written by hand and kept as it is.
$PY scripts/typeset_pdf.py seed "$SRC/seed.md"
for lesson in ph-interrogating-national-narrative-gpt ph-sentiment-analysis-syuzhet ph-analisis-redes-sociales-teatro-1; do
    if [ -f "$ARTICLES/$lesson.md" ]; then
        $PY scripts/typeset_pdf.py lesson "$ARTICLES/$lesson.md" "$SRC/$lesson.md"
    else
        echo "note: $ARTICLES/$lesson.md not found: keeping $SRC/$lesson.md as it is" >&2
    fi
done

# pandoc reads what legation's text reader reads: no smart quotes, citations, TeX or math
FROM=markdown-smart-citations-tex_math_dollars-raw_tex-subscript-superscript-strikeout-implicit_figures

head_tex() {  # a running head (centred, small) and the page number at the foot
    cat > "$WORK/head.tex" <<EOF
\\usepackage{fancyhdr}
\\pagestyle{fancy}
\\fancyhf{}
\\fancyhead[C]{\\small $1}
\\fancyfoot[C]{\\thepage}
\\renewcommand{\\headrulewidth}{0pt}
\\fancypagestyle{plain}{\\fancyhf{}\\fancyhead[C]{\\small $1}\\fancyfoot[C]{\\thepage}}
\\sloppy
EOF
}

latex() {  # latex NAME HEAD FONT SIZE [more pandoc options]: footnotes at the page foot
    local name=$1 head=$2 font=$3 size=$4
    shift 4
    head_tex "$head"
    pandoc "$SRC/$name.md" -f "$FROM" -o "$OUT/$name-$LAYOUT.pdf" --pdf-engine=xelatex \
        -H "$WORK/head.tex" -V mainfont="$font" -V fontsize="$size" -V papersize=a4 \
        -V geometry:margin=2.4cm -V colorlinks=false -V mainfontoptions=Ligatures=TeXOff "$@"
}

word() {  # word NAME HEAD FONT: pandoc -> .docx (footnotes, head, page numbers) -> LibreOffice -> PDF
    local name=$1 head=$2 font=$3
    pandoc "$SRC/$name.md" -f "$FROM" -o "$WORK/$name-word.docx"
    $PY scripts/typeset_pdf.py docx-furniture "$WORK/$name-word.docx" "$head" "$font"
    libreoffice --headless --convert-to pdf --outdir "$WORK" "$WORK/$name-word.docx" >/dev/null
    mv "$WORK/$name-word.pdf" "$OUT/$name-word.pdf"
}

SEED_HEAD="Russian Japanology Review, 2025, 1"
LAYOUT=latex latex seed "$SEED_HEAD" "Latin Modern Roman" 11pt
LAYOUT=latex latex ph-interrogating-national-narrative-gpt "Programming Historian 11 (2022)" "Latin Modern Roman" 11pt
LAYOUT=latex latex ru-sample "Российское японоведение, 2025, 1" "DejaVu Serif" 10pt
word seed "$SEED_HEAD" "Liberation Serif"
word ph-sentiment-analysis-syuzhet "Programming Historian 6 (2017)" "Liberation Serif"
word ru-sample "Российское японоведение, 2025, 1" "Liberation Serif"
LAYOUT=twocol latex seed "$SEED_HEAD" "TeX Gyre Termes" 10pt -V classoption=twocolumn -V geometry:margin=1.8cm
LAYOUT=twocol latex ph-analisis-redes-sociales-teatro-1 "Programming Historian en español 4 (2020)" "TeX Gyre Termes" 10pt \
    -V classoption=twocolumn -V geometry:margin=1.8cm

ls -l "$OUT"/*.pdf
du -ch "$OUT"/*.pdf | tail -1
