/**
 * The dashboard's one stylesheet (served at /ui/app.css): system fonts, a visible focus ring, tables
 * that become stacked cards below 40rem so a phone never scrolls sideways, contrast of at least 4.5:1.
 */
export const UI_STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#f5f6f8;overflow-wrap:anywhere}
a{color:#0b57a4}
a:hover{color:#08427c}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{white-space:pre-wrap;background:#eef0f3;padding:.75rem;border-radius:6px;max-height:24rem;overflow:auto}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{top:.5rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1rem;background:#1c2430;color:#fff}
.top a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.15rem}
.brand span{font-weight:400;opacity:.85}
.top nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0;list-style:none}
.top nav a{text-decoration:none;padding:.25rem 0;border-bottom:2px solid transparent}
.top nav a[aria-current=page]{border-bottom-color:#fbbf24}
.top :focus-visible{outline-color:#fbbf24}
.who{margin-left:auto;display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
main{max-width:72rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
main>section{margin-bottom:1.5rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .75rem}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
.crumb{margin:0;font-size:.9rem}
.id{font-size:.8em;word-break:break-all}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:1rem;margin:0 0 1.25rem}
.narrow{max-width:32rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:0 1rem}
.field{margin:0 0 .75rem}
.field label{display:block;font-weight:600;margin-bottom:.2rem}
.field.check{display:grid;grid-template-columns:auto 1fr;gap:0 .5rem;align-items:start}
.field.check label{font-weight:400;margin:0}
.field.check .hint{grid-column:2}
input[type=text],input[type=password],input[type=number],select,textarea{width:100%;min-height:2.6rem;font:inherit;padding:.45rem .55rem;border:1px solid #7a8494;border-radius:6px;background:#fff;color:inherit}
input[type=checkbox]{width:1.15rem;height:1.15rem;margin:.2rem 0 0}
textarea{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
[aria-invalid=true]{border-color:#b42318;box-shadow:0 0 0 1px #b42318}
.hint{margin:.2rem 0 0;font-size:.85rem;color:#4a5568}
.error{margin:.2rem 0 0;color:#b42318;font-weight:600}
.error:empty{display:none}
.error.block{padding:.5rem .75rem;background:#fef3f2;border:1px solid #f5b5ae;border-radius:6px;margin:.5rem 0}
button{font:inherit;font-weight:600;padding:.45rem 1rem;border-radius:6px;border:1px solid #0b57a4;background:#0b57a4;color:#fff;cursor:pointer;min-height:2.5rem}
button:hover{background:#08427c}
button.secondary{background:#fff;color:#0b57a4}
button.secondary:hover{background:#eef4fb}
button.danger{background:#fff;color:#b42318;border-color:#b42318}
button.link{background:none;border:0;color:inherit;text-decoration:underline;padding:.25rem;min-height:0;font-weight:400}
button[disabled]{opacity:.6;cursor:default}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:end}
.filters .field{min-width:12rem}
.filters button{margin-bottom:.75rem}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d5d9e0;border-radius:8px}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid #e3e6eb;vertical-align:top}
th{font-size:.85rem;color:#4a5568;background:#f0f2f5}
td.num{font-variant-numeric:tabular-nums}
.actions{display:flex;flex-wrap:wrap;gap:.4rem}
.actions button{padding:.25rem .7rem;min-height:2.25rem}
progress{width:8rem;max-width:100%;height:.8rem;vertical-align:middle}
td .muted{white-space:nowrap}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.85rem;font-weight:600;background:#e3e6eb;color:#1c2430;white-space:nowrap}
.badge[data-status=ok],.badge[data-status=active]{background:#d1fadf;color:#05603a}
.badge[data-status=running],.badge[data-status=queued]{background:#d1e9ff;color:#1849a9}
.badge[data-status=failed],.badge[data-status=interrupted]{background:#fee4e2;color:#912018}
.badge[data-status=cancelled],.badge[data-status=paused],.badge[data-status=skipped]{background:#fef0c7;color:#7a2e0e}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dl.facts dt{font-weight:600;color:#4a5568}
dl.facts dd{margin:0}
ul.plain{margin:0;padding-left:1.1rem}
.pager{display:flex;gap:1rem;margin:1rem 0}
.muted{color:#4a5568}
@media (max-width:40rem){
 main{padding:.75rem}
 .who{margin-left:0}
 table,thead,tbody,tr,th,td{display:block}
 table{border:0;background:none}
 thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 tr{background:#fff;border:1px solid #d5d9e0;border-radius:8px;margin:0 0 .75rem;padding:.4rem .6rem}
 td{display:grid;grid-template-columns:6.5rem minmax(0,1fr);gap:.5rem;border:0;padding:.25rem 0}
 h1 .id{font-size:.7em}
 td:has(> div:empty){display:none}
 td::before{content:attr(data-label);font-weight:600;color:#4a5568;font-size:.85rem}
 dl.facts{grid-template-columns:1fr}
 dl.facts dd{margin-bottom:.4rem}
}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`
