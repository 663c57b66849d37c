package io.governor.streams.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the Prometheus text format (0.0.4) a scraper would: sample name with labels → value. Fails on bad lines. */
public final class PrometheusText {
    private PrometheusText() {
    }

    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int cut = line.lastIndexOf(' ');
            if (cut < 0) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            String name = line.substring(0, cut);
            if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})?")) {
                throw new IllegalArgumentException("bad sample name: " + line);
            }
            samples.put(name, Double.parseDouble(line.substring(cut + 1)));
        }
        return samples;
    }
}
