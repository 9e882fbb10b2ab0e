package org.mla4j.io;

import java.util.Collection;
import java.util.Locale;

/** The valid name a typo most likely meant, for "unknown key 'splt' (did you mean 'split'?)" messages. */
public final class ClosestName {
    private ClosestName() {
    }

    /** The valid name closest to {@code typo} (edit distance ≤ 2, or one contains the other), or null. */
    public static String to(String typo, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String t = typo.toLowerCase(Locale.ROOT);
        for (String v : valid) {
            int d = distance(t, v.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        if (best != null && (bestDistance <= 2 || (typo.length() >= 3 && best.contains(typo)))) {
            return best;
        }
        return null;
    }

    /** " (did you mean 'x'?)" when a close name exists, else "". */
    public static String suggestion(String typo, Collection<String> valid) {
        String c = to(typo, valid);
        return c == null ? "" : " (did you mean '" + c + "'?)";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
