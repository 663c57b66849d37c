package io.governor.schemas.scenario;

import io.governor.schemas.DurationText;
import io.governor.schemas.InvalidFieldException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code count} intents per {@code per}, written {@code 2/s}, {@code 120/m}, {@code 1000/h}, {@code 0.5/s}, {@code 3/10s}. */
public record Rate(double count, Duration per) {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)/(ms|s|m|h|d|\\d+(?:ms|s|m|h|d))");
    public static final String HINT = "use 2/s, 120/m, 1000/h";

    public Rate {
        if (!(count > 0) || Double.isInfinite(count)) {
            throw new InvalidFieldException("count", "must be > 0, was " + count);
        }
        if (per == null || per.isZero() || per.isNegative()) {
            throw new InvalidFieldException("per", "must be a positive duration");
        }
    }

    /** Reads {@code 2/s}; the exception has an empty field (the caller knows where the text was). */
    public static Rate parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new InvalidFieldException("", "\"" + text + "\" is not a rate (" + HINT + ")");
        }
        double count = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        Duration per = DurationText.parse("", Character.isDigit(unit.charAt(0)) ? unit : "1" + unit);
        if (!(count > 0) || per.isZero()) {
            throw new InvalidFieldException("", "\"" + text + "\" must be a positive rate (" + HINT + ")");
        }
        return new Rate(count, per);
    }

    public double perSecond() {
        return count * 1000.0 / per.toMillis();
    }

    /** Mean gap between two intents, in milliseconds. */
    public double meanGapMs() {
        return per.toMillis() / count;
    }

    @Override
    public String toString() {
        String c = count == Math.rint(count) ? Long.toString((long) count) : Double.toString(count);
        String p = DurationText.format(per);
        return c + "/" + (p.startsWith("1") && p.length() <= 3 && !Character.isDigit(p.charAt(1)) ? p.substring(1) : p);
    }
}
