"""The report's stylesheet: inline CSS for screen and print, no web fonts, no url().

Written for browsers and for Qt's ``QTextDocument`` (which makes the PDF and reads a
subset of CSS: it ignores what it does not know, so the PDF keeps the headings, tables
and colours and loses only the finer spacing).
"""

from __future__ import annotations

ACCENT = "#2d5b8a"
INK = "#1f2933"
MUTED = "#616e7c"
LINE = "#d9dee5"

CSS = f"""
body {{ font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
       color: {INK}; background: #ffffff; margin: 0 auto; max-width: 1000px;
       padding: 28px 36px 60px; font-size: 13.5px; line-height: 1.45; }}
h1 {{ font-size: 26px; color: #16324f; margin: 6px 0 2px; }}
h2 {{ font-size: 19px; color: #16324f; border-bottom: 2px solid {ACCENT};
      padding-bottom: 3px; margin: 34px 0 10px; page-break-after: avoid; }}
h3 {{ font-size: 15px; color: {INK}; margin: 20px 0 6px; page-break-after: avoid; }}
h4, h5, h6 {{ font-size: 13.5px; color: {INK}; margin: 14px 0 4px; }}
p {{ margin: 4px 0 8px; }}
a {{ color: {ACCENT}; text-decoration: none; }}
code {{ font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 12.5px; }}
th {{ background-color: #eef2f7; color: #3e4c59; text-align: left; font-weight: bold;
      white-space: nowrap;
      border-bottom: 1px solid #c5ccd6; padding: 5px 7px; }}
td {{ border-bottom: 1px solid #e6e9ee; padding: 4px 7px; vertical-align: top; }}
tr {{ page-break-inside: avoid; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.nowrap {{ white-space: nowrap; }}
td.quote {{ color: #3e4c59; font-style: italic; }}
.muted {{ color: {MUTED}; }}
.small {{ font-size: 11.5px; }}
.chip {{ font-size: 14px; }}
.badge {{ display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 10.5px;
          font-weight: bold; white-space: nowrap; background-color: #eef1f5; color: #3e4c59; }}
.b-public {{ background-color: #e2f1e7; color: #1e6b40; }}
.b-private {{ background-color: #fcefd9; color: #8a5a00; }}
.b-control {{ background-color: #ece6f5; color: #5b3f86; }}
.b-undone {{ background-color: #f6dcdc; color: #a12a2a; }}
.s-proposed {{ background-color: #e9ecf1; color: #4a5566; }}
.s-agreed, .s-open {{ background-color: #dde9f8; color: #1f4e8a; }}
.s-fulfilled, .s-met, .s-success {{ background-color: #dff0e6; color: #1e6b40; }}
.s-broken, .s-refused, .s-failure {{ background-color: #f8dedb; color: #9b2b1f; }}
.s-withdrawn, .s-dropped {{ background-color: #eef0f3; color: #7b8794; }}
.s-partial {{ background-color: #fcefd9; color: #8a5a00; }}
.tone-neg {{ color: #b03a2e; font-weight: bold; }}
.tone-pos {{ color: #1e7a46; font-weight: bold; }}
.tone-zero {{ color: {MUTED}; }}
.cover {{ border-bottom: 4px solid {ACCENT}; padding-bottom: 14px; margin-bottom: 8px; }}
p.kicker {{ margin: 0; }}
.kicker {{ text-transform: uppercase; letter-spacing: 0.08em; color: {ACCENT};
           font-size: 12px; font-weight: bold; }}
.subtitle {{ font-size: 15px; color: #3e4c59; margin: 0 0 10px; }}
.meta td {{ border: none; padding: 1px 12px 1px 0; font-size: 12.5px; }}
.meta td.key {{ color: {MUTED}; white-space: nowrap; width: 160px; }}
.notice {{ background-color: #fff8e6; border-left: 4px solid #d68910; padding: 8px 12px;
           margin: 12px 0; }}
.tiles td {{ border: 1px solid {LINE}; text-align: center; padding: 8px 4px;
             background-color: #f8fafc; }}
.tiles .big {{ font-size: 22px; font-weight: bold; color: #16324f; }}
.tiles .label {{ font-size: 11px; color: {MUTED}; text-transform: uppercase; }}
.figure {{ display: inline-block; vertical-align: top; margin: 4px 14px 12px 0; }}
.figure .caption {{ font-size: 11.5px; color: {MUTED}; max-width: 560px; margin-top: 2px; }}
.background {{ background-color: #f8fafc; border: 1px solid {LINE}; padding: 4px 16px;
               margin: 8px 0 12px; }}
.brief {{ border-left: 3px solid {LINE}; padding: 2px 12px; margin: 6px 0 12px; }}
.confidential {{ border-left: 3px solid #b03a2e; background-color: #fdf5f4; padding: 4px 12px;
                 margin: 6px 0 12px; }}
.confidential .label {{ color: #9b2b1f; font-weight: bold; font-size: 11px;
                        text-transform: uppercase; letter-spacing: 0.06em; }}
.team-page, .page-break {{ page-break-before: always; break-before: page; }}
.team-head {{ padding: 6px 12px; margin: 30px 0 10px; border-left-width: 12px;
              border-left-style: solid; background-color: #f5f7fa; }}
.team-head h2 {{ border: none; margin: 0; padding: 0; }}
.toc {{ columns: 2; font-size: 12.5px; margin: 10px 0 0; }}
.toc li {{ margin: 1px 0; }}
.round-head {{ background-color: #f5f7fa; border-left: 4px solid {ACCENT}; padding: 4px 10px;
               margin: 18px 0 4px; }}
tr.voided td {{ color: #9aa5b1; }}
tr.voided .what {{ text-decoration: line-through; }}
tr.kind-round td, tr.kind-phase td {{ background-color: #fafbfc; color: {MUTED}; }}
.timeline td {{ font-size: 12px; }}
.footer {{ margin-top: 40px; border-top: 1px solid {LINE}; padding-top: 6px; font-size: 11px;
           color: {MUTED}; }}
p.how {{ color: {MUTED}; font-size: 12px; margin: 2px 0 6px; }}
.happened li {{ margin: 3px 0; }}
.summary {{ font-size: 15px; border-left: 4px solid {ACCENT}; padding: 4px 12px;
            background-color: #f5f7fa; }}
.goal td.key {{ color: {MUTED}; white-space: nowrap; }}
details > summary {{ cursor: pointer; color: {ACCENT}; }}
@page {{ size: A4; margin: 16mm 14mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 11px; }}
  .toc {{ display: none; }}
  h2 {{ margin-top: 22px; }}
  a {{ color: {INK}; }}
}}
"""

# The PDF's type (``render_html(printed=True)``): Qt ignores @media, so the denser sizes of
# print are given as later rules of the same names.
PRINT_CSS = """
body { font-size: 11px; line-height: 125%; }
li { margin: 0; }
ul { margin: 2px 0 4px; }
h1 { font-size: 21px; }
h2 { font-size: 16px; margin: 16px 0 6px; }
h3 { font-size: 12.5px; margin: 10px 0 3px; }
h4, h5, h6 { font-size: 11px; margin: 8px 0 2px; }
p { margin: 2px 0 5px; }
table { font-size: 10px; margin: 3px 0 8px; }
th { padding: 3px 4px; }
td { padding: 2px 4px; }
.small { font-size: 9px; }
.chip { font-size: 10px; }
.badge { font-size: 8.5px; }
p.how { font-size: 9.5px; }
.summary { font-size: 12px; }
.meta td { font-size: 10px; }
.tiles .big { font-size: 16px; }
.tiles .label { font-size: 8.5px; }
.toc { font-size: 10px; }
.timeline td { font-size: 9.5px; }
.team-head { margin: 6px 0 6px; }
"""
