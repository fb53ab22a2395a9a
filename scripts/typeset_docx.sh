#!/usr/bin/env bash
# Rebuild the DOCX fixtures of tests/fixtures/docx/ from real articles (see its README.md):
#
#   scripts/typeset_docx.sh            # from the repository root; needs pandoc and soffice
#
# - seed-001.docx: the seed article (examples/corpus/001_f3ae314bfad271f2.txt), its 44 notes as
#   Word footnotes at their anchors (scripts/docx_sources.py seed), typeset by pandoc;
# - ph-*.docx: three Programming Historian lessons (CC BY 4.0) from the shared articles, by pandoc;
# - frus-*.docx: two Office of the Historian essays (public domain, CC0), pandoc -> .odt ->
#   LibreOffice Writer -> .docx, so a second producer's DOCX is covered.
#
# Needs: pandoc (2.17 made the committed files), LibreOffice Writer (soffice, 7.4), the venv,
# and the shared articles (legation.devdata.shared_path("data", "articles")). SOURCE_DATE_EPOCH
# fixes the dates pandoc writes, so a rebuild changes nothing but what the tools themselves vary.
set -euo pipefail

cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=tests/fixtures/docx
ARTICLES=$($PY -c 'from legation.devdata import shared_path; print(shared_path("data", "articles"))')
export SOURCE_DATE_EPOCH=1735689600  # 2025-01-01
# pandoc's Markdown as written, without the extensions that would change or eat the text
FROM=markdown-smart-subscript-superscript-tex_math_dollars-citations-raw_tex-fancy_lists-example_lists

command -v pandoc >/dev/null || { echo "pandoc is needed (apt-get install pandoc)" >&2; exit 1; }
command -v soffice >/dev/null || { echo "soffice is needed (apt-get install libreoffice-writer-nogui)" >&2; exit 1; }
[ -d "$ARTICLES" ] || { echo "no shared articles at $ARTICLES" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

$PY scripts/docx_sources.py seed examples/corpus/001_f3ae314bfad271f2.txt "$WORK/seed-001.md"
pandoc "$WORK/seed-001.md" -f "$FROM" -t docx -o "$OUT/seed-001.docx"

for lesson in ph-interrogating-national-narrative-gpt ph-sentiment-analysis-syuzhet ph-analisis-redes-sociales-teatro-1; do
  $PY scripts/docx_sources.py lesson "$ARTICLES/$lesson.md" "$WORK/$lesson.md"
  pandoc "$WORK/$lesson.md" -f "$FROM" -t docx -o "$OUT/$lesson.docx"
done

# LibreOffice: pandoc writes OpenDocument, Writer saves it as Word 2007-365 (its own styles,
# footnote characters, separators numbered 0 and 1, a tab after each note's number).
for essay in frus-history-frus-brush-with-death frus-history-to-the-1991-frus-statute; do
  $PY scripts/docx_sources.py lesson "$ARTICLES/$essay.md" "$WORK/$essay.md"
  pandoc "$WORK/$essay.md" -f "$FROM" -t odt -o "$WORK/$essay.odt"
  soffice --headless -env:UserInstallation="file://$WORK/lo-profile" \
    --convert-to 'docx:MS Word 2007 XML' --outdir "$WORK" "$WORK/$essay.odt" 2>&1 >/dev/null | grep -v javaldx || true
  cp "$WORK/$essay.docx" "$OUT/$essay.docx"
done

# A password-protected copy (password "secret") for the bad-input tests: an OLE compound file
# holding an EncryptedPackage, as Word writes one. Named .docx.bin so that ingesting the folder
# reads only the good fixtures; the tests copy it to a .docx. msoffcrypto-tool (PyPI) encrypts
# it, from a throwaway venv: it is no dependency of legation.
if python3 -m venv "$WORK/crypt" >/dev/null 2>&1 && "$WORK/crypt/bin/pip" install -q msoffcrypto-tool >/dev/null 2>&1; then
  "$WORK/crypt/bin/python" - "$OUT/frus-history-frus-brush-with-death.docx" "$OUT/encrypted.docx.bin" <<'PY'
import sys
from msoffcrypto.format.ooxml import OOXMLFile
with open(sys.argv[1], "rb") as plain, open(sys.argv[2], "wb") as out:
    OOXMLFile(plain).encrypt("secret", out)
PY
else
  echo "msoffcrypto-tool could not be installed: $OUT/encrypted.docx.bin left as it was" >&2
fi

ls -l "$OUT"/*.docx "$OUT"/*.docx.bin
