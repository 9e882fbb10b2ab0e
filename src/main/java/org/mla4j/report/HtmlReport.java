package org.mla4j.report;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link ReportDocument} as one self-contained HTML page: inline CSS, every figure
 * embedded as a {@code data:image/png;base64} URI, details as collapsible {@code <details>}
 * elements, no script and no external resource. All text is HTML-escaped.
 */
public final class HtmlReport {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fff}
            main{max-width:1180px;margin:0 auto;padding:24px 32px 64px}
            h1{font-size:1.7em;margin:0.2em 0 0.4em}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:4px}
            p{line-height:1.5;max-width:60em}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:0.92em;background:#f3f3f5;padding:1px 4px;border-radius:3px}
            table{border-collapse:collapse;margin:8px 0 4px;font-size:0.93em}
            th,td{border:1px solid #d8d8dc;padding:5px 10px;text-align:right;white-space:nowrap}
            th{background:#f3f3f5;white-space:normal;vertical-align:bottom}td:first-child,th:first-child{text-align:left}
            .table-wrap{overflow-x:auto;max-width:100%}
            tbody tr:nth-child(even){background:#fafafa}td.best{font-weight:700;background:#eaf4ea}
            .caption{color:#444;font-size:0.93em;margin:12px 0 4px;max-width:70em}
            .figures{display:flex;flex-wrap:wrap;gap:16px}
            figure{margin:8px 0;flex:1 1 520px;max-width:100%}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:0.88em;margin-top:4px}
            .command{margin:6px 0 14px;font-size:0.9em;color:#333}
            .command code{display:inline-block;white-space:pre-wrap;word-break:break-all}
            details{margin:4px 0;border:1px solid #e3e3e6;border-radius:4px;padding:4px 10px}
            summary{cursor:pointer;font-size:0.93em}
            pre{background:#f7f7f9;padding:10px;overflow-x:auto;font-size:0.85em;line-height:1.35}
            """;

    private HtmlReport() {
    }

    public static String render(ReportDocument doc) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(doc.title())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body><main>\n<h1>").append(escape(doc.title())).append("</h1>\n");
        for (ReportDocument.Section section : doc.sections()) {
            sb.append("<section>\n<h2>").append(escape(section.title())).append("</h2>\n");
            for (ReportDocument.Block block : section.blocks()) {
                block(sb, block);
            }
            sb.append("</section>\n");
        }
        return sb.append("</main></body>\n</html>\n").toString();
    }

    private static void block(StringBuilder sb, ReportDocument.Block block) {
        if (block instanceof ReportDocument.Paragraph p) {
            sb.append("<p>").append(inline(p.text())).append("</p>\n");
        } else if (block instanceof ReportDocument.Table t) {
            table(sb, t);
        } else if (block instanceof ReportDocument.Figures f) {
            sb.append("<div class=\"figures\">\n");
            for (ReportDocument.Figure figure : f.figures()) {
                sb.append("<figure><img alt=\"").append(escape(figure.caption())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(figure.png())).append("\"><figcaption>")
                        .append(inline(figure.caption())).append("</figcaption></figure>\n");
            }
            sb.append("</div>\n");
        } else if (block instanceof ReportDocument.Command c) {
            sb.append("<div class=\"command\">").append(escape(c.label())).append(": <code>").append(escape(c.command()))
                    .append("</code></div>\n");
        } else if (block instanceof ReportDocument.Details d) {
            sb.append("<details><summary>").append(inline(d.summary())).append("</summary><pre>").append(escape(d.text()))
                    .append("</pre></details>\n");
        }
    }

    private static void table(StringBuilder sb, ReportDocument.Table t) {
        if (t.caption() != null && !t.caption().isEmpty()) {
            sb.append("<div class=\"caption\">").append(inline(t.caption())).append("</div>\n");
        }
        sb.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<ReportDocument.Cell> row : t.rows()) {
            sb.append("<tr>");
            for (ReportDocument.Cell cell : row) {
                sb.append(cell.strong() ? "<td class=\"best\">" : "<td>").append(escape(cell.text())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
    }

    /** Escaped text with {@code `code`} spans. */
    static String inline(String text) {
        String escaped = escape(text);
        Matcher m = CODE.matcher(escaped);
        return m.replaceAll(r -> Matcher.quoteReplacement("<code>" + r.group(1) + "</code>"));
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
