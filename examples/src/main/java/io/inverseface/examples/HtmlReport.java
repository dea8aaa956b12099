package io.inverseface.examples;

import io.inverseface.core.batch.ManifestRow;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report page: self-contained HTML (inline CSS, JS and SVG; thumbnails by relative path), so it
 * opens from disk, from an archive or a CI artefact without any network.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(String title, List<ReportEntry> entries) {
        List<ReportEntry> ok = entries.stream().filter(e -> e.row().isOk()).toList();
        List<ReportEntry> failed = entries.stream().filter(e -> !e.row().isOk()).toList();
        double[] seconds = entries.stream().mapToDouble(e -> e.row().seconds()).toArray();
        double[] energies = ok.stream().mapToDouble(e -> e.row().totalEnergy()).filter(Double::isFinite).toArray();

        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        h.append(String.format(Locale.ROOT,
                "<p class=\"summary\">%d items: <span class=\"ok\">%d ok</span>, <span class=\"failed\">%d failed</span>; "
                        + "time per item: median %s s, total %s s.</p>\n",
                entries.size(), ok.size(), failed.size(), SvgHistogram.number(median(seconds)),
                SvgHistogram.number(Arrays.stream(seconds).sum())));

        h.append("<section id=\"histograms\">\n")
                .append(SvgHistogram.render("time per item (s)", seconds, 12)).append('\n');
        if (energies.length > 0) {
            h.append(SvgHistogram.render("final energy (sum of terms)", energies, 12)).append('\n');
        }
        h.append("</section>\n");

        h.append("<h2 id=\"failures-heading\">Failures (").append(failed.size()).append(")</h2>\n");
        if (failed.isEmpty()) {
            h.append("<p class=\"none\">None.</p>\n");
        } else {
            h.append("<table id=\"failures\">\n<thead><tr><th>item</th><th>error</th><th>time (s)</th></tr></thead>\n<tbody>\n");
            for (ReportEntry e : failed) {
                ManifestRow r = e.row();
                h.append("<tr class=\"failed\"><td class=\"name\">").append(escape(r.input())).append("</td><td class=\"error\">")
                        .append(escape(r.error() != null ? r.error() : "")).append("</td>")
                        .append(numberCell(r.seconds(), null)).append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<h2>Results</h2>\n<p class=\"hint\">Sort: <button type=\"button\" data-sort=\"energy\">by energy</button> "
                + "<button type=\"button\" data-sort=\"time\">by time</button> or click a column heading.</p>\n");
        h.append("<table id=\"results\" class=\"sortable\">\n<thead><tr>")
                .append("<th data-key=\"input\" data-type=\"text\">item</th>");
        for (ReportThumbnails.Column c : ReportThumbnails.Column.values()) {
            h.append("<th>").append(c.label).append("</th>");
        }
        h.append("<th data-key=\"energy\" data-type=\"number\">energy</th>")
                .append("<th data-key=\"rms\" data-type=\"number\">landmark RMS (px)</th>")
                .append("<th data-key=\"time\" data-type=\"number\">time (s)</th></tr></thead>\n<tbody>\n");
        for (ReportEntry e : ok) {
            ManifestRow r = e.row();
            h.append("<tr class=\"ok\"><td class=\"name\">").append(escape(r.input())).append("</td>");
            for (ReportThumbnails.Column c : ReportThumbnails.Column.values()) {
                String src = e.thumbnails().get(c);
                h.append("<td class=\"thumb\">");
                if (src != null) {
                    h.append("<img loading=\"lazy\" src=\"").append(escape(src)).append("\" alt=\"").append(c.label)
                            .append(" of ").append(escape(r.input())).append("\">");
                }
                h.append("</td>");
            }
            h.append(numberCell(r.totalEnergy(), energyTooltip(r.energies())))
                    .append(numberCell(r.landmarkRms(), null))
                    .append(numberCell(r.seconds(), null)).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String numberCell(double v, String tooltip) {
        String title = tooltip != null ? " title=\"" + escape(tooltip) + "\"" : "";
        if (!Double.isFinite(v)) {
            return "<td class=\"num\" data-value=\"\"" + title + ">–</td>";
        }
        return String.format(Locale.ROOT, "<td class=\"num\" data-value=\"%s\"%s>%s</td>", Double.toString(v), title,
                SvgHistogram.number(v));
    }

    private static String energyTooltip(Map<String, Double> energies) {
        return energies.isEmpty() ? null : energies.entrySet().stream()
                .map(e -> e.getKey() + " = " + SvgHistogram.number(e.getValue())).collect(Collectors.joining(", "));
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** Escapes text for HTML content and attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; background: #fafafa; }
            h1 { margin: 0 0 4px; font-size: 22px; }
            .summary .ok { color: #1a7f37; } .summary .failed { color: #b3261e; }
            #histograms { display: flex; gap: 24px; flex-wrap: wrap; margin: 12px 0; }
            svg.histogram { background: #fff; border: 1px solid #ddd; border-radius: 4px; }
            svg .bar { fill: #4a78c2; } svg .caption { font-size: 13px; font-weight: 600; }
            svg .axis { font-size: 11px; fill: #555; } svg .axis-line { stroke: #888; } svg .count { font-size: 10px; fill: #333; }
            table { border-collapse: collapse; background: #fff; }
            th, td { border: 1px solid #ddd; padding: 4px 8px; vertical-align: middle; }
            th { background: #eef1f5; text-align: left; }
            th[data-key] { cursor: pointer; user-select: none; }
            th[data-order="asc"]::after { content: " ▲"; } th[data-order="desc"]::after { content: " ▼"; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.thumb { padding: 2px; width: 128px; height: 128px; text-align: center; }
            td.thumb img { max-width: 128px; max-height: 128px; display: block; margin: auto; }
            td.name { font-family: ui-monospace, monospace; max-width: 260px; word-break: break-all; }
            #failures td.error { color: #b3261e; max-width: 640px; }
            button { font: inherit; }
            """;

    /** Sorting: numeric columns by data-value (blank last), text columns by content; buttons click headings; #sort=KEY on load. */
    private static final String SCRIPT = """
            document.querySelectorAll('table.sortable th[data-key]').forEach(th => th.addEventListener('click', () => {
              const table = th.closest('table'), body = table.tBodies[0], col = th.cellIndex;
              const asc = th.dataset.order !== 'asc';
              table.querySelectorAll('th').forEach(h => delete h.dataset.order);
              th.dataset.order = asc ? 'asc' : 'desc';
              const key = tr => {
                const c = tr.cells[col];
                if (th.dataset.type !== 'number') return c.textContent;
                return c.dataset.value === '' ? (asc ? Infinity : -Infinity) : parseFloat(c.dataset.value);
              };
              Array.from(body.rows)
                .sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); })
                .forEach(r => body.appendChild(r));
            }));
            document.querySelectorAll('button[data-sort]').forEach(b => b.addEventListener('click', () =>
              document.querySelector('#results th[data-key="' + b.dataset.sort + '"]').click()));
            // report.html#sort=time opens sorted (links, and screenshots of a sorted page).
            const wanted = location.hash.match(/sort=(\\w+)/);
            const heading = wanted && document.querySelector('#results th[data-key="' + wanted[1] + '"]');
            if (heading) heading.click();
            """;
}
