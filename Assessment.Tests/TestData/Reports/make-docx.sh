#!/usr/bin/env bash
# Remakes the .docx forms of the two reports: each .txt opened as UTF-8 text and saved as .docx by LibreOffice Writer,
# a paragraph a line (Assessment.Tests/Claims/AnnotatedReportsTests.cs reads them); and textbox.libreoffice.docx, a
# short report with a text box (textbox.py). Not run by CI; needs `soffice` and python3 with LibreOffice's bridge
# (Debian: libreoffice-writer-nogui python3-uno).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for f in "$here"/*.txt; do
  soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to docx --outdir "$work" "$f" >/dev/null 2>&1
  name=$(basename "$f" .txt)
  cp "$work/$name.docx" "$here/$name.libreoffice.docx"
done
python3 "$here/textbox.py" "$here/textbox.libreoffice.docx"
ls -l "$here"/*.docx
