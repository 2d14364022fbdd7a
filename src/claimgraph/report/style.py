"""The report's stylesheet and its few lines of script, inlined so the file opens offline."""

from __future__ import annotations

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9;
overflow-wrap:anywhere}
header{background:#1d2330;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c7ccd6}nav a{color:#9fc3ff;margin-right:14px}
main{padding:8px 28px 40px;max-width:1400px}section{background:#fff;border:1px solid #e1e4ea;
border-radius:8px;padding:12px 18px;margin:16px 0}h2{font-size:18px;margin:6px 0 10px}h3{font-size:15px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;
border-bottom:1px solid #eceef2;vertical-align:top}th{background:#f0f2f5;font-weight:600}
td.num{text-align:right;color:#555}
.muted{color:#7a8190;font-size:12px}.badge{display:inline-block;border-radius:10px;padding:1px 8px;
font-size:12px;font-weight:600;color:#fff;background:#8a93a3;white-space:nowrap}
.vd-corroborated{background:#2e7d32}.vd-disputed{background:#e08a00}.vd-denied{background:#c62828}
.vd-single_source{background:#1e6fb8}.vd-unverified,.vd-unknown{background:#8a93a3}
.bar{display:inline-flex;width:120px;height:10px;background:#eceef2;border-radius:3px;overflow:hidden;
vertical-align:middle}.bar span{display:block;height:100%}.count{font-size:12px;color:#555}
.st-agree{background:#2e7d32;fill:#2e7d32}.st-disagree{background:#c62828;fill:#c62828}
.st-discuss{background:#8a93a3;fill:#8a93a3}.st-unrelated,.st-unknown{background:#d0d4db;fill:#d0d4db}
.md-asserted{fill:#1d2330;background:#1d2330}.md-denied{fill:#c62828;background:#c62828}
.md-planned{fill:#1e6fb8;background:#1e6fb8}.md-hypothetical{fill:#9c6ade;background:#9c6ade}
.md-reported{fill:#e08a00;background:#e08a00}.md-unknown{fill:#d0d4db;background:#d0d4db}
.key{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 10px;vertical-align:middle}
.key.e-cooperation{background:#2e7d32}.key.e-conflict{background:#c62828}.key.e-other{background:#8a93a3}.key.e-talk{background:#1565c0}
.legend{font-size:12px;color:#444}.filters{margin:6px 0 10px}.filters input{width:320px;padding:4px 8px}
.filters select{padding:4px}details.claim,details.doc{border-top:1px solid #eceef2;padding:6px 0}
summary{cursor:pointer}.triple{color:#555;font-size:12px;margin:6px 0}.explanation{margin:6px 0}
table.holders{width:auto;margin:6px 0}table.holders td{border:0;padding:2px 10px 2px 0}
.kind-source{color:#1d2330}.kind-speaker{color:#6b4fa0}.kind-unknown{color:#7a8190}
ol.evidence li{margin:8px 0}blockquote{margin:4px 0 0 0;padding:4px 10px;border-left:3px solid #c7ccd6;
background:#fafbfc}.chain{font-size:12px;color:#6b4fa0}.voice{font-size:11px;border-radius:3px;
padding:0 5px;border:1px solid #c7ccd6}.contra{background:#fff4e5;padding:4px 10px;border-radius:4px}
.v-own{background:#e8f1ff}.v-quoted{background:#fff1d6}.v-comment{background:#efe6fb}
.v-boilerplate{background:#eceef2;color:#8a93a3}.v-unknown{background:#fff}
.doctext{white-space:pre-wrap;max-width:900px;margin:8px 0}.seg{border-radius:2px}
.tag{font-size:11px;font-weight:600;color:#6b4fa0;margin-right:4px}.tag::before{content:"["}
.tag::after{content:"]"}svg{max-width:100%;height:auto;background:#fff}
.edge{fill:none;stroke-opacity:.75}.e-cooperation{stroke:#2e7d32}.e-conflict{stroke:#c62828}
.e-other{stroke:#8a93a3}.e-talk{stroke:#1565c0}.node circle{stroke:#fff;stroke-width:1.5;fill:#4a5568}
.k-country circle{fill:#1e6fb8}.k-government_body circle{fill:#3f8fd8}.k-person circle{fill:#6b4fa0}
.k-armed_group circle{fill:#8b4513}.k-media circle{fill:#e08a00}.node text{font-size:11px;
text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}
.timeline text.axis{font-size:11px;fill:#7a8190;text-anchor:middle}.timeline text.lane{font-size:12px;
text-anchor:end}.timeline .tick{stroke:#eceef2}.timeline .lane-line{stroke:#d0d4db}
.timeline circle{fill-opacity:.85;stroke:#fff}ul.doclist{columns:2;font-size:12px}
.summary span{margin-right:14px}td.bars{white-space:nowrap}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:10px;margin-top:8px}
details.side{border:1px solid #e1e4ea;border-radius:6px;padding:4px 10px;background:#fcfcfd}
.side-agree>summary{color:#2e7d32}.side-disagree>summary{color:#c62828}.side-discuss>summary{color:#555}
details.more{margin:4px 0}details.more>summary{color:#1e6fb8;font-size:12px}
ul.namelist{columns:3;font-size:12px;margin:4px 0}table.facts{font-size:13px}
table.facts td.date{white-space:nowrap}
.timeline rect.period{fill-opacity:.45}.node text{pointer-events:none}
@media (max-width:700px){main{padding:4px 8px}ul.namelist,ul.doclist{columns:1}.filters input{width:100%}}
"""

# Opens the claim or document a link points to, and filters the claims table by text and
# verdict; the page works without it.
SCRIPT = """
(function(){
  function openTarget(){
    var el=location.hash&&document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if(el&&el.tagName==='DETAILS'){el.open=true;}
  }
  window.addEventListener('hashchange',openTarget);openTarget();
  var text=document.getElementById('claim-filter'),verdict=document.getElementById('verdict-filter');
  if(!text||!verdict){return;}
  function apply(){
    var q=text.value.toLowerCase(),v=verdict.value;
    document.querySelectorAll('#claims-table tbody tr').forEach(function(row){
      var ok=(!v||row.getAttribute('data-verdict')===v)&&row.textContent.toLowerCase().indexOf(q)>=0;
      row.style.display=ok?'':'none';
    });
  }
  text.addEventListener('input',apply);verdict.addEventListener('change',apply);
})();
"""
