package io.governor.schemas;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as policy and scenario files write them: {@code 250ms}, {@code 1s}, {@code 1m}, {@code 1h},
 * {@code 1d}, or a sum such as {@code 2h15m}.
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    public static final String HINT = "use 250ms, 1s, 1m, 1h, 1d";

    private DurationText() {
    }

    /** Parses {@code text}; the exception names {@code field} and the accepted forms. */
    public static Duration parse(String field, String text) {
        if (text == null || !WHOLE.matcher(text.trim()).matches()) {
            throw new InvalidFieldException(field, "\"" + text + "\" is not a duration (" + HINT + ")");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text.trim());
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

    /** The shortest text that {@link #parse} reads back to {@code d}: {@code 1d}, {@code 2h15m}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0ms";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                out.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return out.toString();
    }
}
