import { createHash } from 'node:crypto';

/**
 * The page's one stylesheet, inline in a <style> element that the
 * Content-Security-Policy allows by its hash (no 'unsafe-inline', nothing
 * from elsewhere). Screen: readable on a phone (375 px) and a laptop; print:
 * a clean A4 briefing page (navigation and filters hidden, charts kept).
 */
export const PAGE_CSS = `
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0a5bb5}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
body{margin:0 auto;max-width:62rem;padding:1rem}
a{color:var(--accent)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
header.top{border-bottom:3px solid var(--ink);padding-bottom:.5rem;margin-bottom:1rem}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.25rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
.meta{color:var(--muted);margin:.2rem 0;font-size:.95rem}
.notice{background:var(--soft);border-left:4px solid var(--accent);padding:.5rem .75rem;margin:.75rem 0;font-size:.95rem}
nav.lang,nav.toc{font-size:.95rem;margin:.3rem 0}
nav.lang a[aria-current],nav.filters a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.next{border:2px solid var(--ink);border-radius:6px;padding:.6rem .9rem;margin:1rem 0}
.next h2{margin-top:0}
.next p{margin:.2rem 0}
.next .count{font-size:1.2rem;font-weight:700}
ol.timeline{list-style:none;margin:0;padding:0 0 0 1.1rem;border-left:3px solid var(--line)}
ol.timeline li{position:relative;margin:0 0 .9rem;padding-left:.6rem}
ol.timeline li::before{content:"";position:absolute;left:-1.62rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--bg);border:3px solid var(--muted)}
ol.timeline li.held::before{background:#1a7f37;border-color:#1a7f37}
ol.timeline li.scheduled::before{border-color:var(--accent);background:var(--accent)}
ol.timeline li.cancelled::before,ol.timeline li.postponed::before{border-color:#a40e26}
ol.timeline li.projected{color:var(--muted)}
ol.timeline li.is-next{font-weight:600}
.tl-head{font-weight:700}
.badge{display:inline-block;font-size:.8rem;font-weight:600;border:1px solid currentColor;border-radius:999px;padding:0 .45rem;margin-left:.3rem;white-space:nowrap}
.badge.overdue{color:#a40e26}
.charts{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:48rem){.charts{grid-template-columns:3fr 2fr}}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.6rem}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.3rem}
figure h3{margin-top:0}
svg{width:100%;height:auto;display:block}
details{margin-top:.3rem;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
.legend{list-style:none;padding:0;margin:.3rem 0 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.88rem}
.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.05rem;border:1px solid var(--ink)}
.sw-done{background:#1a7f37}.sw-in-progress{background:#0a5bb5}.sw-not-started{background:#afb8c1}.sw-dropped{background:#a40e26}
nav.filters{margin:.4rem 0;font-size:.95rem}
nav.filters .filter{margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:baseline}
nav.filters ul{display:inline-flex}
.group{margin-top:1rem}
ul.items{list-style:none;margin:0;padding:0}
ul.items>li{border:1px solid var(--line);border-radius:6px;padding:.55rem .75rem;margin:0 0 .6rem;break-inside:avoid}
.item-head{display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline}
.item-id{font-weight:700}
.item-text{margin:.3rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;font-size:.92rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
blockquote{margin:.5rem 0;padding:.2rem .8rem;border-left:3px solid var(--line)}
ol.history{padding-left:1.2rem}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:.5rem}
.print-only{display:none}
@media (max-width:30rem){body{padding:.6rem}h1{font-size:1.3rem}dl.facts{grid-template-columns:1fr}}
@media print{
@page{size:A4;margin:14mm 14mm 16mm}
html{font-size:10pt}
body{max-width:none;padding:0}
nav,.noprint,details{display:none!important}
.print-only{display:block}
a{color:var(--ink);text-decoration:none}
h2{break-after:avoid;margin-top:1rem}
figure,ul.items>li,ol.timeline li,.next{break-inside:avoid}
.charts{grid-template-columns:3fr 2fr}
ul.items{display:grid;grid-template-columns:1fr 1fr;gap:.3rem}
ul.items>li{padding:.25rem .45rem;margin:0}
dl.facts{font-size:.85rem;margin:.15rem 0}
.item-text{margin:.15rem 0}
.group{margin-top:.5rem}
h3{margin:.5rem 0 .25rem}
header.top{margin-bottom:.4rem}
.next{padding:.3rem .6rem;margin:.5rem 0}
.next h2{margin:0;border:0}
ol.timeline{display:grid;grid-template-columns:repeat(3,1fr);gap:.3rem 1.6rem}
ol.timeline li{margin:0}
footer{margin-top:.6rem}
}
`.trim();

/** The CSP source that allows exactly this stylesheet. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;
