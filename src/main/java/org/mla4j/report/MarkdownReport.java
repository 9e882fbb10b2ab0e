package org.mla4j.report;

import java.util.List;

/**
 * Renders a {@link ReportDocument} as Markdown (GitHub flavour): tables as pipe tables with the best
 * cells in bold, figures as image links to {@code <figuresFolder>/<fileName>} (the caller writes
 * the PNGs there, beside the Markdown file), details as {@code <details>} blocks around fenced
 * code.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ReportDocument doc, String figuresFolder) {
        StringBuilder sb = new StringBuilder("# ").append(doc.title()).append("\n\n");
        for (ReportDocument.Section section : doc.sections()) {
            sb.append("## ").append(section.title()).append("\n\n");
            for (ReportDocument.Block block : section.blocks()) {
                block(sb, block, figuresFolder);
            }
        }
        return sb.toString();
    }

    private static void block(StringBuilder sb, ReportDocument.Block block, String folder) {
        if (block instanceof ReportDocument.Paragraph p) {
            sb.append(p.text()).append("\n\n");
        } else if (block instanceof ReportDocument.Table t) {
            if (t.caption() != null && !t.caption().isEmpty()) {
                sb.append(t.caption()).append("\n\n");
            }
            sb.append('|');
            t.header().forEach(h -> sb.append(' ').append(cell(h)).append(" |"));
            sb.append("\n|");
            t.header().forEach(h -> sb.append("---|"));
            sb.append('\n');
            for (List<ReportDocument.Cell> row : t.rows()) {
                sb.append('|');
                for (ReportDocument.Cell c : row) {
                    sb.append(' ').append(c.strong() ? "**" + cell(c.text()) + "**" : cell(c.text())).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
        } else if (block instanceof ReportDocument.Figures f) {
            for (ReportDocument.Figure figure : f.figures()) {
                sb.append("![").append(figure.caption().replace("]", ")").replace("[", "(")).append("](").append(folder)
                        .append('/').append(figure.fileName()).append(")\n\n*").append(figure.caption()).append("*\n\n");
            }
        } else if (block instanceof ReportDocument.Command c) {
            sb.append(c.label()).append(": `").append(c.command()).append("`\n\n");
        } else if (block instanceof ReportDocument.Details d) {
            sb.append("<details><summary>").append(d.summary()).append("</summary>\n\n```").append(d.language())
                    .append('\n').append(d.text().endsWith("\n") ? d.text() : d.text() + "\n").append("```\n\n</details>\n\n");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
