package org.mla4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/architecture.md describes: no cycle among mla4j's packages (as
 * {@code jdeps -verbose:package} sees the compiled classes), and PyTorch-specific classes used by
 * one package only, {@code engine}.
 */
class ArchitectureTest {
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void packagesFormNoCycle() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                "-filter:none", CLASSES.toString());
        assertThat(code).isZero();
        Map<String, Set<String>> edges = new HashMap<>();
        Matcher m = Pattern.compile("^\\s+(org\\.mla4j[\\w.]*)\\s+->\\s+(org\\.mla4j[\\w.]*)\\s", Pattern.MULTILINE)
                .matcher(out.toString());
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) {
                edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertThat(edges).as("jdeps found the package graph").isNotEmpty();
        for (String start : edges.keySet()) {
            assertThat(reaches(edges, start, start)).as("a cycle through %s: %s", start, edges).isFalse();
        }
    }

    /** Whether {@code target} can be reached from {@code from}'s successors. */
    private static boolean reaches(Map<String, Set<String>> edges, String from, String target) {
        List<String> todo = new ArrayList<>(edges.getOrDefault(from, Set.of()));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (p.equals(target)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(edges.getOrDefault(p, Set.of()));
            }
        }
        return false;
    }

    @Test
    void onlyTheEnginePackageUsesPyTorchClasses() throws IOException {
        Set<String> users = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("org/mla4j"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (bytes.contains("ai/djl/pytorch/")) {
                    users.add(CLASSES.relativize(f.getParent()).toString().replace('/', '.'));
                }
            }
        }
        assertThat(users).containsExactly("org.mla4j.engine");
    }
}
