package org.mla4j.report;

import java.util.List;

/**
 * A report as structured content, independent of its format: a title and sections of blocks
 * (paragraphs, tables, figures, commands, collapsible details). {@link HtmlReport} and
 * {@link MarkdownReport} render the same document, so the HTML and Markdown reports always hold the
 * same numbers. Paragraph and caption text may mark code with backticks.
 */
public record ReportDocument(String title, List<Section> sections) {

    public ReportDocument {
        sections = List.copyOf(sections);
    }

    /** A titled part of the report. */
    public record Section(String title, List<Block> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** Something a section holds. */
    public sealed interface Block permits Paragraph, Table, Figures, Command, Details {
    }

    /** Running text. */
    public record Paragraph(String text) implements Block {
    }

    /** One table cell; {@code strong} marks the best value of a column. */
    public record Cell(String text, boolean strong) {
        public static Cell of(String text) {
            return new Cell(text, false);
        }
    }

    /** A table with a caption above it. */
    public record Table(String caption, List<String> header, List<List<Cell>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A PNG picture.
     *
     * @param fileName the file name the Markdown report saves it under (in its figures folder)
     */
    public record Figure(String fileName, byte[] png, String caption) {
    }

    /** One or more pictures shown side by side where there is room. */
    public record Figures(List<Figure> figures) implements Block {
        public Figures {
            figures = List.copyOf(figures);
        }
    }

    /** A command that regenerates what precedes it. */
    public record Command(String label, String command) implements Block {
    }

    /** Collapsed content: a one-line summary and preformatted text (e.g. a config file). */
    public record Details(String summary, String language, String text) implements Block {
    }
}
