package org.mla4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's results table is the committed report's table, verbatim (docs/regenerate.sh copies
 * it), so the README cannot show numbers the report does not.
 */
class ReadmeTableTest {
    private static List<String> tableAfter(List<String> lines, int from) {
        int start = from;
        while (start < lines.size() && !lines.get(start).startsWith("| method |")) {
            start++;
        }
        int end = start;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        return lines.subList(start, end);
    }

    @Test
    void readmeShowsTheReportsTable1() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int marker = readme.indexOf("<!-- table1:begin -->");
        assertThat(marker).as("README has the table1 markers").isNotNegative();
        List<String> shown = tableAfter(readme, marker);
        List<String> report = tableAfter(Files.readAllLines(Path.of("docs/reports/av_mnist_fsdd-table1/tables.md")), 0);
        assertThat(shown).isNotEmpty().isEqualTo(report);
    }
}
